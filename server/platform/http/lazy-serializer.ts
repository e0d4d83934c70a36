// Response serializers compiled on first use (cold start, issue 4). Fastify compiles every route's
// response schema into a fast-json-stringify function when the app becomes ready: ~400 ms of a
// 1.7 s start for Anbao's ~400 routes, most of which a given instance answers rarely. Each route's
// function is now built the first time that route answers with that status (a few ms, once), with
// the same compiler, options and shared schemas as Fastify's default, so the output is identical.
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Factory = ReturnType<typeof SerializerSelector>;

export const lazySerializerFactory: Factory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc) => (serialize ??= compile(route))(doc);
  };
};
