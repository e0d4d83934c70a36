// Route schemas compiled on first use (cold start, issue 4). Fastify compiles every route's request
// schemas (validators) and response schemas (fast-json-stringify serializers) when the app becomes
// ready: for Anbao's ~400 routes ~0.5 s of every start, though a given instance answers most routes
// rarely. Each route's function is now built the first time that route validates or answers (a few
// ms, once), with the same compiler, options and shared schemas as before, so the result is identical.
// The serializer compiler itself (fast-json-stringify, ~70 ms to load) is loaded with the first
// serializer: a start never needs it (/readyz has no response schema).
import { createRequire } from 'node:module';
import type { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';

type Factory = ReturnType<typeof SerializerSelector>;
type Compile = ReturnType<Factory>;

// CommonJS, loaded synchronously: fastify asks for a route's serializer in the middle of a reply.
const require = createRequire(import.meta.url);

export const lazySerializerFactory: Factory = (externalSchemas, options) => {
  let shared: Compile | undefined;
  const compile: Compile = (route) => {
    shared ??= (require('@fastify/fast-json-stringify-compiler') as { SerializerSelector: typeof SerializerSelector }).SerializerSelector()(externalSchemas, options);
    return shared(route);
  };
  return (route) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc) => (serialize ??= compile(route))(doc);
  };
};

/** TypeBox's validator compiler (request body, query, params, headers), deferred to the first request. */
export const lazyValidatorCompiler: typeof TypeBoxValidatorCompiler = (route) => {
  let validate: ReturnType<typeof TypeBoxValidatorCompiler> | undefined;
  return (value) => (validate ??= TypeBoxValidatorCompiler(route))(value);
};
