// Import rules of glase-pos, checked by dependency-cruiser in `npm test`
// (test/architecture/dependency-rules.test.ts) and by hand with:
//   npx depcruise --config .dependency-cruiser.cjs src machines drivers
// Imports point down. Type-only imports count too (tsPreCompilationDeps).

// The layers, lowest first. A module may import its own layer folder and any layer of a
// LOWER rank, never one of the same rank (siblings stay independent) or a higher one.
const ranks = [
  // i18n: the message catalogues and Intl formats, plain JS shared with the kiosk screen
  { lib: '^src/lib/', i18n: '^src/i18n/' },
  { machines: '^machines/', drivers: '^drivers/' },
  // config: src/config.ts and its helpers src/config-*.ts (e.g. config-credentials.ts)
  // update: signed bundles and the releases on the till (src/update/; glase-pos update, status)
  { glase: '^src/glase/', store: '^src/store/', config: '^src/config(\\.ts$|-[^/]+\\.ts$|/)', update: '^src/update/' },
  // shipper: the till's outbox to its back office (issue 14)
  { printing: '^src/printing/', scan: '^src/scan/', simulator: '^src/simulator/', reconcile: '^src/reconcile/', shipper: '^src/shipper/' },
  // backoffice: the shop's back office service (issue 14), a sibling of the till: it talks to
  // Glase itself and never imports the till
  { till: '^src/till/', backoffice: '^src/backoffice/' },
  { api: '^src/api/' },
  // cli: the commands' kit (options, exit codes, config, the CLI till); src/cli.ts is the entry
  { daemon: '^src/daemon/', cli: '^src/cli/' },
  { commands: '^src/commands/' },
  { entry: '^src/cli\\.ts$' },
];
const ours = '^(src|machines|drivers|test|bench|scripts)/';
const ui = '^src/ui/';
const allLayers = ranks.flatMap((rank) => Object.values(rank));

// machines/, drivers/ and src/lib/ have stricter rules of their own below.
const strict = new Set(['lib', 'i18n', 'machines', 'drivers']);
const layerRules = ranks.flatMap((rank, i) =>
  Object.entries(rank)
    .filter(([name]) => !strict.has(name))
    .map(([name, path]) => {
      const below = ranks.slice(0, i).flatMap((r) => Object.values(r));
      const belowNames = ranks.slice(0, i).flatMap((r) => Object.keys(r));
      return {
        name: `layer-${name}-imports-only-lower-layers`,
        comment: `${name} may import itself and: ${belowNames.join(', ')}`,
        severity: 'error',
        from: { path },
        to: { path: ours, pathNot: [path, ...below] },
      };
    }),
);

module.exports = {
  forbidden: [
    {
      name: 'machines-import-only-xstate-and-machines',
      comment: 'machines/ is pure XState: no Node, no src/, no drivers/, no other package',
      severity: 'error',
      from: { path: '^machines/' },
      to: { pathNot: ['^machines/', '^node_modules/xstate/'] },
    },
    {
      name: 'drivers-never-import-src',
      comment: 'drivers/ is device code usable without the till: it owns its logger and option types',
      severity: 'error',
      from: { path: '^drivers/' },
      to: { path: '^src/' },
    },
    {
      name: 'drivers-never-import-machines',
      comment: 'drivers/ and machines/ are independent siblings',
      severity: 'error',
      from: { path: '^drivers/' },
      to: { path: '^machines/' },
    },
    {
      name: 'lib-imports-nothing-else-of-src',
      comment: 'src/lib/ holds leaf utilities: node built-ins, packages and src/lib/ only',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: ours, pathNot: '^src/lib/' },
    },
    {
      name: 'simulator-uses-lib-and-glase-contract-only',
      comment: 'the Glase simulator is a stand-in server: it shares only leaf utilities and the result codes/types with the till',
      severity: 'error',
      from: { path: '^src/simulator/' },
      to: { path: ours, pathNot: ['^src/simulator/', '^src/lib/', '^src/glase/(result-codes|types)\\.ts$'] },
    },
    {
      name: 'only-composition-roots-import-simulator',
      comment: 'the daemon (embedded mode) and the commands (with their kit, src/cli/) start or find a simulator; the till itself never knows it',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/simulator/', '^src/daemon/', '^src/cli/', '^src/commands/', '^src/cli\\.ts$'] },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'api-route-files-only-for-the-router',
      comment: 'a route file is an HTTP edge: shared logic it holds belongs lower (till, store), where the daemon and commands can reach it',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/api/' },
      to: { path: '^src/api/routes-' },
    },
    {
      name: 'till-only-through-its-index',
      comment: 'src/till/index.ts is the till runtime\'s public surface: the API, the daemon and the commands import the till from there',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/till/' },
      to: { path: '^src/till/', pathNot: '^src/till/index\\.ts$' },
    },
    ...layerRules,
    {
      name: 'every-src-file-in-a-layer',
      comment: 'a new top-level file or folder under src/ must be given a rank in .dependency-cruiser.cjs',
      severity: 'error',
      from: { path: '^src/', pathNot: [...allLayers, ui] },
      to: { path: ours },
    },
    {
      name: 'ui-is-browser-code',
      comment: 'src/ui/ runs in the kiosk browser and only imports its own modules and the catalogues (src/i18n, served as /i18n/)',
      severity: 'error',
      from: { path: ui },
      to: { pathNot: [ui, '^src/i18n/'] },
    },
    {
      name: 'i18n-imports-only-itself',
      comment: 'src/i18n/ is loaded as is by the browser and by Node: no packages, no other module',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { pathNot: '^src/i18n/' },
    },
    {
      name: 'product-never-imports-tests',
      severity: 'error',
      from: { path: '^(src|machines|drivers)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-cycles',
      comment: 'a cycle hides which module is the lower one',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is a symlink in helper worktrees: keep package paths as node_modules/…
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs'],
    },
    skipAnalysisNotInRules: true,
  },
};
