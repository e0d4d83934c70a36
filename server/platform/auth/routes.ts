// /api/v1/auth: login, me, logout, own password, own second factor (DESIGN §5, SEC-01).
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { forbidden } from '../http/errors.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { me } from './me.ts';
import { ChangePasswordBody, LoginBody, MeResponse, OtpBody, TotpDisableBody, TotpSetupResponse } from './schema.ts';
import { changeOwnPassword, login, logout, totpConfirm, totpDisable, totpSetup } from './service.ts';
import { SESSION_COOKIE, sha256 } from './sessions.ts';
import { authenticate } from './authenticate.ts';

/** Account self-service is for people at a browser, not for API tokens. */
function sessionId(req: FastifyRequest): string {
  if (req.auth?.kind !== 'session' || !req.auth.sessionId) throw forbidden('FORBIDDEN', { action: 'auth.self-service', reason: 'API token' });
  return req.auth.sessionId;
}

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
}

export async function authRoutes(fastify: FastifyInstance, opts: { loginRateLimit: number }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags, summary: 'Sign in (sets the session cookie)', body: LoginBody, response: { 200: MeResponse } },
      config: { public: true, access: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } } as never,
    },
    async (req, reply) => {
      const presented = req.cookies[SESSION_COOKIE];
      const result = await req.server.anbao.db.transaction((tx) => login(requestCtx(req, tx), req.body, presented ? sha256(presented) : null));
      req.server.anbao.kickSealer();
      if (!result.ok) throw result.error;
      setSessionCookie(req, reply, result.token);
      // Answer as the new session would on /auth/me.
      req.cookies[SESSION_COOKIE] = result.token;
      await authenticate(req, reply);
      return me(requestCtx(req), req.auth!);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags, summary: 'The signed-in user, their grants and CSRF token', response: { 200: MeResponse } }, config: { states: ['change_password', 'enrol_totp'], access: 'self' } },
    async (req) => me(requestCtx(req), req.auth!),
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Sign out', response: { 204: Type.Null() } }, config: { states: ['change_password', 'enrol_totp'], access: 'self' } },
    async (req, reply) => {
      if (req.auth?.kind === 'session') await write(req, reply, (ctx) => logout(ctx, req.auth!.sessionId!));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password',
    { schema: { tags, summary: 'Change my password (ends my other sessions)', body: ChangePasswordBody, response: { 200: MeResponse } }, config: { states: ['change_password'], access: 'self' } },
    async (req, reply) => {
      const sid = sessionId(req);
      const s = await write(req, reply, (ctx) => changeOwnPassword(ctx, sid, req.body.currentPassword, req.body.newPassword));
      if ('refused' in s) throw s.refused;
      setSessionCookie(req, reply, s.token);
      req.cookies[SESSION_COOKIE] = s.token;
      await authenticate(req, reply);
      return me(requestCtx(req), req.auth!);
    },
  );

  app.post(
    '/api/v1/auth/totp/setup',
    { schema: { tags, summary: 'Start authenticator enrolment (QR code)', response: { 200: TotpSetupResponse } }, config: { states: ['enrol_totp'], access: 'self' } },
    async (req, reply) => {
      sessionId(req);
      return write(req, reply, (ctx) => totpSetup(ctx));
    },
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    { schema: { tags, summary: 'Confirm enrolment with a code', body: OtpBody, response: { 200: MeResponse } }, config: { states: ['enrol_totp'], access: 'self' } },
    async (req, reply) => {
      const sid = sessionId(req);
      const s = await write(req, reply, (ctx) => totpConfirm(ctx, sid, req.body.otp));
      setSessionCookie(req, reply, s.token);
      req.cookies[SESSION_COOKIE] = s.token;
      await authenticate(req, reply);
      return me(requestCtx(req), req.auth!);
    },
  );

  app.post(
    '/api/v1/auth/totp/disable',
    { schema: { tags, summary: 'Turn my second factor off (where policy allows)', body: TotpDisableBody, response: { 204: Type.Null() } }, config: { access: 'self' } },
    async (req, reply) => {
      sessionId(req);
      const r = await write(req, reply, (ctx) => totpDisable(ctx, req.body.password, req.body.otp));
      if (r && 'refused' in r) throw r.refused;
      return reply.code(204).send(null);
    },
  );
}
