// Types of cli-help-sv.js.
declare const help: { usage: string; commands: string; summaries: Record<string, string>; help: Record<string, string> };
export default help;
