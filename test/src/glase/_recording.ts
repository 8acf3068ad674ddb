// The soap package's requests and reply readings, recorded once before it was replaced
// (test/fixtures/glase/wire/, recorder in the git history of that folder).
import { readFileSync } from 'node:fs';

export interface RecordedRequest {
  shape: 'earlier revision' | 'later revision' | 'hostile text';
  wsdl: 'ours' | 'reference';
  op: string;
  headers: { 'content-type': string; soapaction: string };
  /** request-xml.ts inside the soap package's envelope: what production sent */
  requestXml: string;
  /** the package's own serializer working from the WSDL */
  soapSerializer: string;
}

export interface RecordedReply {
  name: string;
  op: string;
  xml: string;
  soap: { result: Record<string, unknown> | null } | { error: Record<string, unknown> };
}

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../fixtures/glase/wire/${name}`, import.meta.url), 'utf8')) as T;

export const SOAP_RECORDING = read<{ requests: RecordedRequest[] }>('soap-1.13-requests.json');
export const SOAP_REPLIES = read<{ responses: RecordedReply[] }>('soap-1.13-responses.json');
