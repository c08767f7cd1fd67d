/** Fills `{name}` placeholders of a catalogue message (vue-i18n's named interpolation). */
export function format(message: string, values: Record<string, string | number> = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}
