/** The error catalogue: every error the sandbox throws on purpose. Vendor plugins shape the body. */
import createError from '@fastify/error'

/** Invalid input the route schema could not catch (reversed dates, unknown sort field, …). */
export const BadRequestError = createError<[string]>('MOCK_BAD_REQUEST', '%s', 400)
/** No credentials, bad credentials, expired token. */
export const UnauthorizedError = createError<[string]>('MOCK_UNAUTHORIZED', '%s', 401)
/** Valid credentials without access to the tenant or bot. */
export const ForbiddenError = createError<[string]>('MOCK_FORBIDDEN', '%s', 403)
/** A well-formed id that names nothing. */
export const NotFoundError = createError<[string]>('MOCK_NOT_FOUND', '%s', 404)
/** A required body field is missing (Kore answers 412). */
export const PreconditionFailedError = createError<[string]>('MOCK_PRECONDITION_FAILED', '%s', 412)
/** The opt-in vendor rate limit was exceeded. */
export const RateLimitedError = createError<[string]>('MOCK_RATE_LIMITED', '%s', 429)
/** The body is well-formed but its content cannot be processed (e.g. an unsupported definition file). */
export const UnprocessableError = createError<[string]>('MOCK_UNPROCESSABLE', '%s', 422)
/** A fault injected on purpose (control-plane rule or x-sandbox-status): any 4xx/5xx, in the vendor's body. */
export const InjectedFaultError = createError<[string]>('MOCK_INJECTED_FAULT', '%s', 500)
/** The control plane without the configured x-sandbox-token. */
export const AdminTokenError = createError('MOCK_ADMIN_TOKEN', 'missing or wrong x-sandbox-token', 401)

export const ERROR_CATALOGUE = [
  { code: 'MOCK_BAD_REQUEST', status: 400, when: 'input the route schema cannot express: reversed ranges, unknown enum or sort values, ranges over the maximum' },
  { code: 'MOCK_UNAUTHORIZED', status: 401, when: 'missing, garbled, badly signed or expired credentials' },
  { code: 'MOCK_FORBIDDEN', status: 403, when: 'valid credentials without access to that org, env or bot' },
  { code: 'MOCK_NOT_FOUND', status: 404, when: 'an unknown sessionCode, report file or route' },
  { code: 'MOCK_PRECONDITION_FAILED', status: 412, when: 'Kore: a required body field is missing, or the body is empty' },
  { code: 'MOCK_RATE_LIMITED', status: 429, when: 'an opt-in vendor rate limit was exceeded' },
  { code: 'MOCK_UNPROCESSABLE', status: 422, when: 'Kore: an import definition the platform no longer supports' },
  { code: 'MOCK_INJECTED_FAULT', status: 0, when: 'a fault rule or x-sandbox-status fired: the status it names, with Retry-After for 429/503' },
  { code: 'MOCK_ADMIN_TOKEN', status: 401, when: '/__sandbox/* without the configured x-sandbox-token' }
] as const

/** An injected fault with the status it should answer. */
export function injectedFault (status: number, message: string, retryAfter: number | null): Error {
  return Object.assign(new InjectedFaultError(message), { statusCode: status, retryAfter: retryAfter ?? undefined, injected: true })
}

/** True for injected faults, whose 5xx is deliberate and not worth an error log line. */
export function isInjected (err: unknown): boolean {
  return (err as { injected?: unknown }).injected === true
}

/** Retry-After seconds carried by rate-limit and injected errors. */
export function retryAfterOf (err: unknown): number | undefined {
  const v = (err as { retryAfter?: unknown }).retryAfter
  return typeof v === 'number' ? v : undefined
}

/** Status of any thrown value; anything unknown is a 500, which the handlers mask. */
export function statusOf (err: unknown): number {
  const s = (err as { statusCode?: unknown }).statusCode
  return typeof s === 'number' && s >= 400 && s < 600 ? s : 500
}
