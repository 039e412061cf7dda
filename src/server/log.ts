/**
 * What the request log may keep of a request (issue 12.4): never a secret from its query
 * string — Open311 clients send their `api_key` there, and a log outlives the token.
 */
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';

/** Query parameters whose values are secrets. */
const SECRET_PARAMS = /([?&](?:api_key|apikey|access_token|token|password)=)[^&#]*/gi;

/**
 * The URL with the value of every secret query parameter replaced by `[redacted]`.
 * @example redactUrl('/open311/v2/requests.json?api_key=lst_abc&x=1') // '/open311/v2/requests.json?api_key=[redacted]&x=1'
 */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/** The request as the log shows it: Fastify's fields, with the URL redacted. */
function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** A child of `logger` whose request serializer never writes a secret query parameter. */
export function withRedactedRequests(logger: FastifyBaseLogger): FastifyBaseLogger {
  return logger.child({}, { serializers: { req: requestForLog } });
}
