// A policy document as people read it in the AWS console: pretty-printed JSON with keys, strings,
// numbers and literals in different colours. A small tokenizer is enough: the text comes from
// JSON.stringify, so it is always well-formed.

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])/g;

/** The document text as stored, pretty-printed when it parses (AWS returns it URL-encoded; accept both). */
export function prettyPolicyDocument(document: string): string {
  const text = /^\s*%7B/i.test(document) ? decodeURIComponent(document) : document;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function highlight(text: string): React.ReactNode[] {
  const nodes: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push(text.slice(last, index));
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined && colon !== undefined) {
      nodes.push(<span key={index} className="text-sky-300">{string}</span>, colon);
    } else if (string !== undefined) {
      nodes.push(<span key={index} className="text-emerald-300">{string}</span>);
    } else if (number !== undefined) {
      nodes.push(<span key={index} className="text-amber-300">{number}</span>);
    } else if (literal !== undefined) {
      nodes.push(<span key={index} className="text-fuchsia-300">{literal}</span>);
    } else {
      nodes.push(<span key={index} className="text-slate-400">{whole}</span>);
    }
    last = index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

export function PolicyDocumentView({ document, label }: { document: string; label: string }) {
  const pretty = prettyPolicyDocument(document);
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="sr-only">{label}</figcaption>
      <pre
        tabIndex={0}
        aria-label={label}
        data-testid="policy-document"
        className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-4 font-mono text-xs leading-5 text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        <code>{highlight(pretty)}</code>
      </pre>
    </figure>
  );
}
