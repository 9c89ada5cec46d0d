import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { useEffect, useRef, useState } from 'react';
import { TextField } from '../../components/field.js';
import { Link } from '../../lib/router.js';
import {
  monitorsNotOnPage,
  moved,
  newGroup,
  newMonitorRow,
  type PageFieldErrors,
  type PageGroupRow,
  type PageMonitorRow,
  type StatusPageForm,
} from '../../lib/status-page-form.js';

interface MonitorChoice {
  id: string;
  name: string;
}

interface GroupsEditorProps {
  form: StatusPageForm;
  /** The organisation's monitors; null while they load. */
  monitors: MonitorChoice[] | null;
  errors: PageFieldErrors;
  onGroups(groups: PageGroupRow[]): void;
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}

/** Up, down and remove for one row, each named after what it moves (a screen reader hears "Move “API” up"). */
function RowActions({
  what,
  first,
  last,
  onMove,
  onRemove,
  removeLabel,
}: {
  what: string;
  first: boolean;
  last: boolean;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  removeLabel: string;
}) {
  return (
    <div className="row-actions">
      <button
        type="button"
        className="button button-quiet"
        disabled={first}
        onClick={() => onMove(-1)}
        aria-label={`Move ${what} up`}
        title="Move up"
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="button button-quiet"
        disabled={last}
        onClick={() => onMove(1)}
        aria-label={`Move ${what} down`}
        title="Move down"
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        className="button button-quiet"
        onClick={onRemove}
        aria-label={`${removeLabel} ${what}`}
      >
        {removeLabel}
      </button>
    </div>
  );
}

function MonitorRow({
  row,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  row: PageMonitorRow;
  index: number;
  count: number;
  error: string | undefined;
  onChange(row: PageMonitorRow): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  return (
    <li className="page-monitor" data-monitor={row.monitorName}>
      <div className="page-monitor-head">
        <strong className="page-monitor-name">{row.monitorName}</strong>
        <RowActions
          what={`“${row.monitorName}”`}
          first={index === 0}
          last={index === count - 1}
          onMove={onMove}
          onRemove={onRemove}
          removeLabel="Remove"
        />
      </div>
      <TextField
        id={`display-${row.key}`}
        label={
          <>
            Display name <span className="muted">(optional)</span>
            <span className="visually-hidden"> for {row.monitorName}</span>
          </>
        }
        value={row.displayName}
        onValue={(displayName) => onChange({ ...row, displayName })}
        placeholder={row.monitorName}
        maxLength={STATUS_PAGE_LIMITS.displayNameChars}
        error={error}
      />
    </li>
  );
}

function AddMonitor({
  group,
  choices,
  describedBy,
  onAdd,
}: {
  group: PageGroupRow;
  choices: MonitorChoice[];
  /** The id of the group's list error, when it has one. */
  describedBy: string | undefined;
  onAdd(monitor: MonitorChoice): void;
}) {
  const [chosen, setChosen] = useState('');
  const id = `add-${group.key}`;
  const pick = choices.find((monitor) => monitor.id === chosen);
  if (choices.length === 0) return null;
  return (
    <div className="add-monitor">
      <label htmlFor={id}>
        Add a monitor<span className="visually-hidden"> to {group.name || 'this group'}</span>
      </label>
      <div className="add-monitor-row">
        <select
          id={id}
          value={pick ? chosen : ''}
          onChange={(event) => setChosen(event.target.value)}
          aria-describedby={describedBy}
        >
          <option value="">Choose a monitor…</option>
          {choices.map((monitor) => (
            <option key={monitor.id} value={monitor.id}>
              {monitor.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!pick}
          onClick={() => {
            if (!pick) return;
            onAdd(pick);
            setChosen('');
          }}
        >
          Add<span className="visually-hidden"> to {group.name || 'this group'}</span>
        </button>
      </div>
    </div>
  );
}

/** The page's groups in order, each with its monitors in order: add, rename, reorder and remove both. */
export function GroupsEditor({ form, monitors, errors, onGroups }: GroupsEditorProps) {
  const { groups } = form;
  const choices = monitors ? monitorsNotOnPage(form, monitors) : [];
  // A group just added gets the focus, so its name can be typed at once.
  const focusKey = useRef<string | null>(null);
  useEffect(() => {
    if (!focusKey.current) return;
    document.getElementById(`group-${focusKey.current}`)?.focus();
    focusKey.current = null;
  });

  const setGroup = (index: number, group: PageGroupRow) =>
    onGroups(groups.map((current, i) => (i === index ? group : current)));
  const addGroup = () => {
    const group = newGroup('');
    focusKey.current = group.key;
    onGroups([...groups, group]);
  };

  return (
    <fieldset className="fieldset page-groups" aria-describedby={errors.groups ? 'groups-error' : undefined}>
      <legend>Groups and monitors</legend>
      <p className="field-hint">
        The page shows the groups in this order, each with its monitors in order. A monitor appears once on a
        page.
      </p>
      <FieldError id="groups-error" error={errors.groups} />
      {monitors !== null && monitors.length === 0 ? (
        <p className="banner banner-info">
          You have no monitors yet. <Link to="/monitors/new">Add a monitor</Link> to show it here.
        </p>
      ) : null}
      <ol className="page-group-list">
        {groups.map((group, g) => {
          const label = `group ${g + 1}${group.name.trim() ? ` “${group.name.trim()}”` : ''}`;
          const listError = errors[`groups.${g}.monitors`];
          return (
            <li key={group.key} className="page-group" data-group={g}>
              <div className="page-group-head">
                <TextField
                  id={`group-${group.key}`}
                  label={`Name of group ${g + 1}`}
                  value={group.name}
                  onValue={(name) => setGroup(g, { ...group, name })}
                  error={errors[`groups.${g}.name`]}
                  maxLength={STATUS_PAGE_LIMITS.groupNameChars}
                  placeholder="APIs"
                />
                <RowActions
                  what={label}
                  first={g === 0}
                  last={g === groups.length - 1}
                  onMove={(by) => onGroups(moved(groups, g, by))}
                  onRemove={() => onGroups(groups.filter((_, i) => i !== g))}
                  removeLabel="Remove group"
                />
              </div>
              {group.monitors.length === 0 ? (
                <p className="muted">No monitors in this group yet.</p>
              ) : (
                <ol className="page-monitor-list" aria-label={`Monitors of ${label}`}>
                  {group.monitors.map((row, m) => (
                    <MonitorRow
                      key={row.key}
                      row={row}
                      index={m}
                      count={group.monitors.length}
                      error={errors[`groups.${g}.monitors.${m}`]}
                      onChange={(next) =>
                        setGroup(g, {
                          ...group,
                          monitors: group.monitors.map((current, i) => (i === m ? next : current)),
                        })
                      }
                      onMove={(by) => setGroup(g, { ...group, monitors: moved(group.monitors, m, by) })}
                      onRemove={() =>
                        setGroup(g, { ...group, monitors: group.monitors.filter((_, i) => i !== m) })
                      }
                    />
                  ))}
                </ol>
              )}
              <FieldError id={`groups-${g}-monitors-error`} error={listError} />
              <AddMonitor
                group={group}
                choices={choices}
                describedBy={listError ? `groups-${g}-monitors-error` : undefined}
                onAdd={(monitor) =>
                  setGroup(g, { ...group, monitors: [...group.monitors, newMonitorRow(monitor)] })
                }
              />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        onClick={addGroup}
        disabled={groups.length >= STATUS_PAGE_LIMITS.groups}
      >
        Add group
      </button>
    </fieldset>
  );
}
