/** An answer other than success: `{error: {code, message, details?}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Every problem found, when there was more than one worth listing. */
    readonly details?: string[],
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string; details?: string[] } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

/** 400 naming the first problem; `details` lists them all. */
export function invalid(code: string, problems: readonly string[]): ApiError {
  const [first = 'the request is invalid'] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more: see details)` : '';
  return new ApiError(400, code, `${first}${more}`, [...problems]);
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError(404, `${what.toUpperCase()}_NOT_FOUND`, `No ${what} with id '${id}'`);

export const conflict = (code: string, message: string): ApiError => new ApiError(409, code, message);
