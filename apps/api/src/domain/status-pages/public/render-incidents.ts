import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { incidentAnchor } from './feed-entries.js';
import { type Html, html } from './html.js';
import { durationText, INCIDENT_WORDS, timeText } from './page-format.js';
import type { PageView } from './page-view.js';

type IncidentView = NonNullable<PageView['incidents']>['active'][number];
type MaintenanceView = NonNullable<PageView['maintenance']>[number];

const time = (date: Date) => html`<time datetime="${date.toISOString()}">${timeText(date)}</time>`;

function renderIncident(incident: IncidentView): Html {
  const span =
    incident.endedAt === null
      ? html`since ${time(incident.startedAt)}`
      : html`${time(incident.startedAt)} to ${time(incident.endedAt)} (${durationText(incident.endedAt.getTime() - incident.startedAt.getTime())})`;
  return html`<article class="incident" id="${incidentAnchor(incident.id)}"><h3>${INCIDENT_WORDS[incident.kind]}: <bdi>${incident.monitor}</bdi></h3><p class="meta">${span}${incident.errorCode ? html`; error code <code>${incident.errorCode}</code>` : null}${incident.maintenance ? '; during scheduled maintenance' : null}</p>${
    incident.updates.length === 0
      ? null
      : html`<ol aria-label="Updates, newest first">${incident.updates.map(
          (update) =>
            html`<li><span class="update-status">${update.status}</span> <span class="meta">${time(update.createdAt)}</span><p class="message"><bdi>${update.message}</bdi></p></li>`,
        )}</ol>`
  }</article>`;
}

function renderMaintenance(item: MaintenanceView): Html {
  return html`<article class="maintenance-item"><h3><bdi>${item.title}</bdi></h3><p class="meta">${item.active ? 'In progress: ' : 'Scheduled: '}${time(item.startsAt)} to ${time(item.endsAt)}</p><p>Affects: ${item.monitors.map(
    (name, index) => html`${index > 0 ? ', ' : ''}<bdi>${name}</bdi>`,
  )}</p></article>`;
}

/** The maintenance and active-incident sections, shown above the monitors. */
export function renderCurrentEvents(view: PageView): Html | null {
  if (!view.incidents) return null;
  const maintenance = view.maintenance ?? [];
  return html`${
    maintenance.length === 0
      ? null
      : html`<section aria-labelledby="maintenance-heading"><h2 id="maintenance-heading">Maintenance</h2>${maintenance.map(renderMaintenance)}</section>`
  }${
    view.incidents.active.length === 0
      ? null
      : html`<section aria-labelledby="active-heading"><h2 id="active-heading">Active incidents</h2>${view.incidents.active.map(renderIncident)}</section>`
  }`;
}

/** Past incidents, below the monitors. */
export function renderPastIncidents(view: PageView): Html | null {
  if (!view.incidents) return null;
  const days = STATUS_PAGE_LIMITS.pastIncidentDays;
  return html`<section aria-labelledby="past-heading"><h2 id="past-heading">Past incidents</h2>${
    view.incidents.past.length === 0
      ? html`<p>No incidents in the last ${days} days.</p>`
      : view.incidents.past.map(renderIncident)
  }</section>`;
}
