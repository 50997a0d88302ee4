import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * The string formats contract checks know: ajv-formats' full set, except `url`. Zuora's specs
 * use `url` for callout addresses, and ajv-formats' `url` pattern refuses loopback and private
 * hosts (http://127.0.0.1:4020/...), which is exactly where a local receiver listens; any absolute
 * http(s) URL is accepted instead.
 */
export const CONTRACT_FORMATS = {
  ...fullFormats,
  url: (value: string): boolean => /^https?:\/\//i.test(value) && URL.canParse(value),
};
