// A PDF service: POST a seed, get its PDF. One warm process renders each article in tens of milliseconds,
// where a CLI per request would start cold each time. Listens on 127.0.0.1 only: it has no authentication.
//   node examples/pdf-endpoint.mjs 8081
//   curl --data-binary @seeds/putin-north-korea.txt -o article.pdf http://127.0.0.1:8081/pdf
import { createServer } from 'node:http';
import { normalize, render, SeedError } from 'galley';

const port = Number(process.argv[2] ?? 8081);
// Seeds are text; a megabyte is far beyond any article and keeps a client from filling the memory.
const MAX_BYTES = 1024 * 1024;

const server = createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/pdf') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('POST a seed to /pdf\n');
    return;
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BYTES) {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('seed too large\n');
      req.destroy();
      return;
    }
    chunks.push(chunk);
  }
  try {
    const { article } = normalize(Buffer.concat(chunks), { fileName: 'posted.txt', fallbackDate: new Date() });
    const { bytes } = await render(article, 'pdf');
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${article.slug}.pdf"`,
      'content-length': bytes.byteLength,
    }).end(bytes);
  } catch (e) {
    // A bad seed is the client's mistake, answered with the position of it; anything else is ours.
    if (e instanceof SeedError) {
      const d = e.diagnostic;
      res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify(d) + '\n');
    } else {
      console.error(e);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
    }
  }
});
server.listen(port, '127.0.0.1', () => console.log(`POST seeds to http://127.0.0.1:${server.address().port}/pdf`));
