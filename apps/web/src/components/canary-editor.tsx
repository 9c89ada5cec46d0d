import type { Tool } from '@mcpulse/contract';
import { CANARY_LIMITS } from '@mcpulse/core/domain';
import { boundText } from '../lib/bounded-text.js';
import {
  type ArgumentField,
  argumentFieldsOf,
  argumentText,
  type CanaryForm,
  type ExpectKind,
  isReadOnly,
  parseArguments,
  withArgument,
} from '../lib/canary-form.js';
import type { FieldErrors } from '../lib/monitor-form.js';
import { RENDER_LIMITS } from '../lib/render-limits.js';
import { toolName } from '../lib/tool-fields.js';
import { Field, TextField } from './field.js';

interface CanaryEditorProps {
  canary: CanaryForm;
  onChange(canary: CanaryForm): void;
  /** The tools the server lists (a connection test), or its confirmed snapshot; null until loaded. */
  tools: Tool[] | null;
  toolsSource: string | null;
  loadingTools: boolean;
  onLoadTools(): void;
  testingCall: boolean;
  onTestCall(): void;
  errors: FieldErrors;
}

/** A server's text cut for a label, with an ellipsis when something was left out. */
function short(value: string, max: number): string {
  const { text, cut } = boundText(value, max);
  return cut > 0 ? `${text}…` : text;
}

const EXPECT_KINDS: { kind: ExpectKind; label: string }[] = [
  { kind: 'none', label: 'Nothing more' },
  { kind: 'contains', label: 'The result contains a text' },
  { kind: 'json_path', label: 'A JSON path equals a value' },
];

function ArgumentControl({
  field,
  args,
  onInput,
}: {
  field: ArgumentField;
  args: Record<string, unknown> | null;
  onInput(value: string | boolean): void;
}) {
  const id = `canary-arg-${field.name}`;
  const label = `${short(field.name, RENDER_LIMITS.nameChars)}${field.required ? ' (required)' : ''}`;
  const hint = field.description ? short(field.description, 300) : undefined;
  if (field.kind === 'boolean') {
    return (
      <label className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={args?.[field.name] === true}
          onChange={(event) => onInput(event.target.checked)}
        />
        {label}
      </label>
    );
  }
  if (field.kind === 'enum') {
    return (
      <Field id={id} label={label} hint={hint}>
        {(describedBy) => (
          <select
            id={id}
            value={argumentText(args, field)}
            onChange={(event) => onInput(event.target.value)}
            aria-describedby={describedBy}
          >
            <option value="">(not given)</option>
            {field.options.map((option) => (
              <option key={option} value={option}>
                {short(option, RENDER_LIMITS.nameChars)}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  return (
    <TextField
      id={id}
      label={label}
      value={argumentText(args, field)}
      onValue={onInput}
      hint={hint}
      inputMode={field.kind === 'string' ? undefined : 'decimal'}
      spellCheck={false}
    />
  );
}

/**
 * The tool-call canary of a monitor: which tool to call on every check, its
 * arguments (a form generated from the tool's schema for simple properties,
 * JSON for everything), what its result must show, and its own deadline.
 */
export function CanaryEditor(props: CanaryEditorProps) {
  const { canary, onChange, tools, errors } = props;
  const set = (patch: Partial<CanaryForm>) => onChange({ ...canary, ...patch });
  const chosen = tools?.find((tool) => tool.name === canary.tool);
  const readOnly = isReadOnly(chosen);
  const { fields, others } = argumentFieldsOf(chosen);
  const args = parseArguments(canary.argumentsText);
  const names = tools?.map((tool) => tool.name) ?? [];
  const shownTools = names.slice(0, 500);
  return (
    <fieldset className="fieldset canary-editor" data-testid="canary-editor">
      <legend>Tool-call canary</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={canary.enabled}
          onChange={(event) => set({ enabled: event.target.checked })}
        />
        Call a tool on every check
      </label>
      <p className="field-hint">
        The handshake can pass while tool calls fail: the check calls this tool after listing tools, and is
        down when the call fails or its result is not what you expect.
      </p>
      {canary.enabled ? (
        <>
          <div className="canary-tools">
            <button
              type="button"
              className="button"
              onClick={props.onLoadTools}
              disabled={props.loadingTools}
            >
              {props.loadingTools
                ? 'Loading tools…'
                : tools
                  ? 'Reload tools from the server'
                  : 'Load tools from the server'}
            </button>
            {props.toolsSource ? <span className="field-hint">{props.toolsSource}</span> : null}
          </div>
          <Field id="canary-tool" label="Tool" error={errors['canary.tool']}>
            {(describedBy, invalid) => (
              <select
                id="canary-tool"
                value={canary.tool}
                // Another tool takes other arguments, and needs its own confirmation.
                onChange={(event) =>
                  set({ tool: event.target.value, argumentsText: '{}', confirmedNoSideEffects: false })
                }
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              >
                <option value="">{tools ? 'Choose a tool' : 'Load the tools first'}</option>
                {canary.tool && !names.includes(canary.tool) ? (
                  <option value={canary.tool}>{short(canary.tool, RENDER_LIMITS.nameChars)} (saved)</option>
                ) : null}
                {shownTools.map((name) => {
                  const tool = tools?.find((entry) => entry.name === name);
                  return (
                    <option key={name} value={name}>
                      {toolName(tool)}
                      {isReadOnly(tool) ? ' — read-only' : ''}
                    </option>
                  );
                })}
              </select>
            )}
          </Field>
          {canary.tool && chosen && !readOnly ? (
            <div
              className={`canary-side-effects${errors['canary.confirmedNoSideEffects'] ? ' field-invalid' : ''}`}
            >
              <p className="field-hint">
                This tool is not annotated read-only: calling it on every check could change something.
              </p>
              <label className="checkbox">
                <input
                  id="canary-confirmedNoSideEffects"
                  type="checkbox"
                  checked={canary.confirmedNoSideEffects}
                  onChange={(event) => set({ confirmedNoSideEffects: event.target.checked })}
                />
                I confirm this call has no side effects
              </label>
              {errors['canary.confirmedNoSideEffects'] ? (
                <p className="field-error">
                  <span aria-hidden="true">⚠ </span>
                  {errors['canary.confirmedNoSideEffects']}
                </p>
              ) : null}
            </div>
          ) : null}
          {fields.length > 0 ? (
            <div className="canary-arguments">
              {fields.map((field) => (
                <ArgumentControl
                  key={field.name}
                  field={field}
                  args={args}
                  onInput={(value) =>
                    set({ argumentsText: withArgument(canary.argumentsText, field, value) })
                  }
                />
              ))}
              {others > 0 ? (
                <p className="field-hint">
                  {others} more {others === 1 ? 'parameter takes' : 'parameters take'} JSON below.
                </p>
              ) : null}
            </div>
          ) : null}
          <Field
            id="canary-arguments"
            label="Arguments (JSON)"
            error={
              Object.entries(errors).find(([field]) => field.startsWith('canary.arguments'))?.[1] ?? undefined
            }
            hint="Checked against the tool's input schema when you test or save. Stored as typed: keep secrets in the request headers."
          >
            {(describedBy, invalid) => (
              <textarea
                id="canary-arguments"
                className="json-input"
                rows={5}
                maxLength={CANARY_LIMITS.argumentsChars}
                value={canary.argumentsText}
                onChange={(event) => set({ argumentsText: event.target.value })}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                spellCheck={false}
              />
            )}
          </Field>
          <fieldset className="fieldset">
            <legend>The result must show</legend>
            <div className="checkbox-row">
              {EXPECT_KINDS.map((item) => (
                <label key={item.kind} className="checkbox">
                  <input
                    type="radio"
                    name="canary-expect"
                    value={item.kind}
                    checked={canary.expectKind === item.kind}
                    onChange={() => set({ expectKind: item.kind })}
                  />
                  {item.label}
                </label>
              ))}
            </div>
            {canary.expectKind === 'contains' ? (
              <TextField
                id="canary-expect-text"
                label="Text"
                value={canary.expectText}
                onValue={(value) => set({ expectText: value })}
                error={errors['canary.expect.text']}
                maxLength={CANARY_LIMITS.expectTextChars}
                hint="Looked for in the result's text, and in its structured content as JSON."
              />
            ) : null}
            {canary.expectKind === 'json_path' ? (
              <div className="field-grid">
                <TextField
                  id="canary-expect-path"
                  label="JSON path"
                  value={canary.expectPath}
                  onValue={(value) => set({ expectPath: value })}
                  error={errors['canary.expect.path']}
                  hint="Like $.status or $.items[0].id: into structuredContent, else the text parsed as JSON."
                  spellCheck={false}
                />
                <TextField
                  id="canary-expect-equals"
                  label="Equals (JSON)"
                  value={canary.expectEqualsText}
                  onValue={(value) => set({ expectEqualsText: value })}
                  error={errors['canary.expect.equals']}
                  hint='e.g. "ok", 200 or true'
                  spellCheck={false}
                />
              </div>
            ) : null}
          </fieldset>
          <TextField
            id="canary-timeoutMs"
            label="Call timeout (ms)"
            type="number"
            inputMode="numeric"
            min={CANARY_LIMITS.timeoutMs.min}
            value={canary.timeoutMs}
            onValue={(value) => set({ timeoutMs: value })}
            error={errors['canary.timeoutMs']}
            hint="The call's own deadline, below the check's timeout; empty for whatever the check has left."
          />
          <div className="test-connection">
            <button type="button" className="button" onClick={props.onTestCall} disabled={props.testingCall}>
              {props.testingCall ? 'Testing…' : 'Test this call'}
            </button>
            <span className="field-hint">
              Checks the arguments against the live tool, then calls it once.
            </span>
          </div>
        </>
      ) : null}
    </fieldset>
  );
}
