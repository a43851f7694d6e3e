// Building blocks of the protocol option fields: a number field and a text field whose description
// names the contract's default and whose error is the field's problem (shown as soon as it exists:
// these fields are checked as they are typed).
import { NumberInput, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ProtocolOptionsField, ProtocolOptionsForm, ProtocolOptionsProblems } from '../../lib/protocol-options-form.js';

export interface ProtocolFieldsProps {
  form: ProtocolOptionsForm;
  defaults: ProtocolOptionsForm;
  problems: ProtocolOptionsProblems;
  onChange: (patch: Partial<ProtocolOptionsForm>) => void;
}

type NumberField = { [K in ProtocolOptionsField]: ProtocolOptionsForm[K] extends number ? K : never }[ProtocolOptionsField];
type TextField = { [K in ProtocolOptionsField]: ProtocolOptionsForm[K] extends string ? K : never }[ProtocolOptionsField];

function withDefault(description: ReactNode, value: string | number): ReactNode {
  return (
    <>
      {description} Default: <span className="fw-mono">{value === '' ? 'none' : String(value)}</span>.
    </>
  );
}

export function OptionNumber(
  props: ProtocolFieldsProps & { field: NumberField; label: string; description: ReactNode; min: number; max: number; suffix?: string; isPort?: boolean },
) {
  const { field, form, defaults, problems, onChange } = props;
  return (
    <NumberInput
      label={props.label}
      description={withDefault(props.description, defaults[field])}
      min={props.min}
      max={props.max}
      suffix={props.suffix}
      allowDecimal={false}
      thousandSeparator={props.isPort ? undefined : ','}
      value={form[field]}
      onChange={(v) => onChange({ [field]: typeof v === 'number' ? v : Number.NaN })}
      error={problems[field]}
      data-testid={`scope-option-${field}`}
    />
  );
}

export function OptionText(
  props: ProtocolFieldsProps & { field: TextField; label: string; description: ReactNode; multiline?: boolean; placeholder?: string },
) {
  const { field, form, defaults, problems, onChange } = props;
  const common = {
    label: props.label,
    description: withDefault(props.description, defaults[field]),
    placeholder: props.placeholder,
    value: String(form[field]),
    error: problems[field],
    classNames: { input: 'fw-mono' },
    'data-testid': `scope-option-${field}`,
  };
  return props.multiline ? (
    <Textarea {...common} autosize minRows={2} maxRows={6} onChange={(e) => onChange({ [field]: e.currentTarget.value })} />
  ) : (
    <TextInput {...common} onChange={(e) => onChange({ [field]: e.currentTarget.value })} />
  );
}
