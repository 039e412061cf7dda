import type { ComponentProps } from 'react';
import { Checkbox } from 'antd';

/**
 * A required form field's checkboxes as a named group. antd's Form.Item marks a required
 * field's control `aria-required`, which a group of checkboxes may not carry (axe:
 * aria-allowed-attr, critical); the field keeps its required mark and its message.
 */
export function CheckboxGroupField({
  'aria-required': _required,
  ...props
}: ComponentProps<typeof Checkbox.Group> & { 'aria-required'?: unknown }) {
  return <Checkbox.Group role="group" {...props} />;
}
