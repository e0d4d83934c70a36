// Fastify's hello world: the ceiling of the HTTP layer alone on this machine.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 3101), host: '127.0.0.1' });
