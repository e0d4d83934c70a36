// Route schemas compiled on first use (cold start, issue 4). Fastify compiles every route's request
// schemas (validators) and response schemas (fast-json-stringify serializers) when the app becomes
// ready: for Anbao's ~400 routes ~0.5 s of every start, though a given instance answers most routes
// rarely. Each route's function is now built the first time that route validates or answers (a few
// ms, once), with the same compiler, options and shared schemas as before, so the result is identical.
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';

type Factory = ReturnType<typeof SerializerSelector>;

export const lazySerializerFactory: Factory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
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
