// `glase-pos --help` and each command's --help in Swedish (the English texts live with their
// commands, src/commands/*.ts, and are printed as written in en). Option names, file paths and
// examples stay as they are; only the prose is translated. {defaultConfig} is the default config
// file. Every command a shop uses has an entry (test/src/commands/cli-help-language.test.ts).
const CONFIG = 'konfigurationsfil (standard: $GLASE_POS_CONFIG, annars {defaultConfig} om den finns)';

export default {
  usage: 'användning: glase-pos <kommando> [flaggor]   (glase-pos <kommando> --help visar dess flaggor)',
  commands: 'kommandon:',
  summaries: {
    'assign-id': 'tilldela Glase-ID:t (från kassans klisterlapp) till den här kassan',
    'close-day': 'stäng dagen (Z): stäng Glase-perioden, stäm av, numrera, spara och skriv ut Z-rapporten',
    'confirm-orphan': 'bekräfta en betalning vars fakturasvar försvann, så att betalningar kan starta igen',
    export: 'exportera kassans Glase-konto: export --from D --to D --format csv|json (referenser, belopp, kassör, Z)',
    'forget-registration': 'när Glase svarat att den inte längre känner till kassan (29): glöm registreringen här',
    backoffice: 'kör butikens backoffice (kassor, poster, exporter, avstämning); add-user, set-reseller',
    daemon: 'kör kassan: lokalt API, kioskskärm, skrivare, skanner, Glase',
    enroll: 'registrera kassan via butikens backoffice: enroll <backoffice-url> <code>',
    journal: 'visa betalningsjournalen (varje tillståndsändring för varje betalning)',
    pay: 'ta emot en Glase-betalning: pay --amount 12.50 [--rows FILE] [--cashier ID] [--json]',
    recover: 'återuppta oavslutade betalningar efter en krasch (--wait: tills de är klara)',
    refund: 'återbetala en Glase-betalning: refund <ersReference> --amount 4.00 [--reason T] [--json]; --check-unknown',
    register: 'registrera kassan hos Glase (frågar efter återförsäljarlösenordet)',
    report: 'visa en Z-rapport: report --z N | --period ID | --list [--json] [--print]',
    reprint: 'skriv ut en KOPIA av ett kvitto (det senaste, eller via ersReference)',
    'settle-outside': 'avsluta en betalning som Glase inte går att nå om, först när en direktkontroll inte får svar: settle-outside <paymentId> --note T',
    'set-pin': 'ange admin-PIN (4-12 siffror) från en dold inmatning eller stdin',
    simulator: 'kör Glase-serversimulatorn (SOAP + styr-API) på loopback',
    status: 'visa registrering, Glase-ID, om servern nås och oavslutade betalningar',
    verify: 'kör certifieringssekvensen (CERT 1-8) mot den konfigurerade Glase-servern; slutkod 0 bara om varje steg gick igenom',
    unregister: 'avregistrera kassan hos Glase och glöm dess inloggningsuppgifter',
    update: 'installera ett signerat utgåvepaket och byt till det; rullas tillbaka om det inte förblir friskt (root)',
  },
  help: {
    pay: `användning: glase-pos pay --amount AMOUNT [--rows FILE] [--cashier ID] [--title TEXT] [--client-invoice-id ID] [--json] [--config FILE]

  --amount AMOUNT  Glase-beloppet, t.ex. 12.50 (högst valutans antal decimaler)
  --rows FILE      fakturarader som JSON: [{"description": "Coffee", "quantity": "2", "amount": "9.00"}, …]
                   (beloppen är radsummor; de måste summera till --amount; negativa rader balanserar)
  --cashier ID     kassörens id, skickas med fakturan och står på kvittot
  --title TEXT     fakturans rubrik som kunden ser (standard "Purchase")
  --client-invoice-id ID
                   värdkassans eget id för försäljningen, skickas till Glase och står på kvittot
                   (standard: kassan skapar ett); nekas medan en betalning med det är oavslutad
  --json           en JSON-händelse per rad (varje ändring av betalningen, sedan en "result"-rad)
  --config FILE    ${CONFIG}

Medan den väntar: efter fönstret (30 s) frågar den "t = försök igen, c = avbryt" (på stdin när
det inte är en terminal), och Ctrl-C ber Glase avbryta. Slutkod 0 betald, 1 inte betald, 2 fel användning.`,
    status: `användning: glase-pos status [--json] [--config FILE]

  --json          ett JSON-objekt för skript
  --config FILE   ${CONFIG}

Slutkod 0 när kassan är redo för Glase-betalningar, annars 1.`,
    journal: `användning: glase-pos journal [--payment ID] [--limit N] [--json] [--config FILE]

  --payment ID    bara denna betalning: dess paymentId, eller början av det (t.ex. de 8 tecken
                  journalen visar) när ingen annan betalning börjar likadant
  --limit N       de sista N raderna (1-10000, standard 50; alla rader för en betalning med --payment)
  --json          ett JSON-objekt per rad (tider i UTC, som de sparats)
  --config FILE   ${CONFIG}`,
    register: `användning: glase-pos register --reseller ID --user ID [--name NAME] [--config FILE]

  --reseller ID   butikens återförsäljar-id hos Glase
  --user ID       återförsäljarens användar-id (t.ex. 9900)
  --name NAME     kassans namn hos Glase (standard: terminal.name från konfigurationen)
  --config FILE   ${CONFIG}

Återförsäljarlösenordet frågas efter utan eko i en terminal. När stdin inte är en
terminal läses det från $GLASE_RESELLER_PASSWORD, annars från första raden på stdin.
Det tas aldrig emot som argument och sparas aldrig.`,
    unregister: `användning: glase-pos unregister [--yes] [--config FILE]

  --yes           fråga inte om bekräftelse (krävs när stdin inte är en terminal)
  --config FILE   ${CONFIG}`,
  },
};
