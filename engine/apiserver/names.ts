// Name validation (k8s.io/apimachinery/pkg/util/validation), with upstream's messages.

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;

/**
 * Whether `value` matches upstream's regex, `[a-z0-9]([-a-z0-9]*[a-z0-9])?` per label, labels
 * joined by '.' when `dots` (a subdomain). A character loop rather than the regex: every object
 * name is checked on create, Events included (tens of thousands at scale); the property test
 * in names.test.ts holds it to the regex.
 */
export function matchesDNS1123(value: string, dots: boolean): boolean {
  const n = value.length;
  if (n === 0) return false;
  let labelStart = true;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x2e) {
      // '.': only between labels, and a label cannot end with '-'.
      if (!dots || labelStart || prev === 0x2d) return false;
      labelStart = true;
    } else if (c === 0x2d) {
      if (labelStart) return false;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) labelStart = false;
    else return false;
    prev = c;
  }
  return !labelStart && prev !== 0x2d;
}

export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) errs.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX} characters`);
  if (!matchesDNS1123(value, true))
    errs.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  return errs;
}

export function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) errs.push(`must be no more than ${DNS1123_LABEL_MAX} characters`);
  if (!matchesDNS1123(value, false))
    errs.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  return errs;
}
