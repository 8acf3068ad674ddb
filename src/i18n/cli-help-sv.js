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
    'assign-id': `användning: glase-pos assign-id <GLASEID> [--config FILE]

  <GLASEID>       bokstäver och siffror, som de står på kassans Glase-klisterlapp
  --config FILE   ${CONFIG}`,
    reprint: `användning: glase-pos reprint [--last | <ersReference>] [--config FILE]

  --last           det senaste kvittot
  <ersReference>   den 25-siffriga Glase-referensen som står på kvittot
  --config FILE    ${CONFIG}`,
    report: `användning: glase-pos report (--z N | --period ID | --list) [--json] [--print] [--config FILE]

  --z N          Z-rapporten med nummer N
  --period ID    Z-rapporten som läste denna Glase-transaktionsperiod (25 siffror)
  --list         alla Z-rapporter, nyaste först (nummer, period, utfall, netto)
  --json         rapporten som JSON (posten som ett backoffice tar emot)
  --print        skriv också ut den igen, märkt KOPIA
  --config FILE  ${CONFIG}`,
    'close-day': `användning: glase-pos close-day --reseller ID --user ID [--json] [--config FILE]

  --reseller ID    butikens återförsäljar-id hos Glase (rapporterna är återförsäljaranrop)
  --user ID        återförsäljarens användar-id, t.ex. 9900
                   återförsäljarlösenordet frågas efter utan eko (eller, när stdin inte är en
                   terminal, $GLASE_RESELLER_PASSWORD eller första raden på stdin); sparas aldrig
  --json           en JSON-rad per ändring av stängningen, sedan en "result"-rad med Z
  --config FILE    ${CONFIG}

Slutkod 0 stängd och stämmer, 4 stängd med differenser som behöver åtgärdas, 1 inte stängd
(meddelandet säger varför; en oavslutad stängning återupptas av nästa close-day), 2 fel användning.`,
    refund: `användning: glase-pos refund <ersReference> --amount AMOUNT [--reason TEXT] [--cashier ID] [--json] [--config FILE]
       glase-pos refund --check-unknown --reseller ID --user ID [--json] [--config FILE]
       glase-pos refund --resend REFUNDID [--json] [--config FILE]

  <ersReference>   betalningens 25-siffriga referens (står under dess streckkod)
  --amount AMOUNT  beloppet att ge tillbaka, t.ex. 4.00; del- och upprepade återbetalningar är
                   tillåtna upp till det som betalades (en betalning som kassan inte har sparat går
                   till Glase, som nekar mer än det som betalades)
  --reason TEXT    varför (1-200 tecken; loggas och skrivs ut på återbetalningskvittot)
  --cashier ID     kassörens id för återbetalningskvittot
  --check-unknown  reda ut återbetalningar vars svar försvann: stäng kassans transaktionsperiod
                   hos Glase och läs dess rapport (frågar efter återförsäljarlösenordet som register)
  --resend ID      skicka igen en återbetalning som den fullständiga rapporten visade aldrig skedde (en gång)
  --json           en JSON-händelse per rad, sedan en "result"-rad
  --config FILE    ${CONFIG}

Slutkod 0 återbetald, 1 inte återbetald, 2 fel användning, 3 osäker: Glase svarade inte och
återbetalningen kan ha gått igenom; betala inte tillbaka till kunden på annat sätt, kör --check-unknown.`,
    recover: `användning: glase-pos recover [--wait] [--json] [--config FILE]

  --wait          följ varje återupptagen betalning tills den är klar (frågar försök igen / avbryt)
  --json          en JSON-händelse per rad
  --config FILE   ${CONFIG}

Oavslutade återbetalningar bokförs klart (sparas, skrivs ut, kvitto); en vars svar försvann förblir
osäker tills \`glase-pos refund --check-unknown\` läser Glases rapport. En återbetalning skickas aldrig igen.

Slutkod 0 när ingen betalning eller återbetalning är oavslutad, 1 när någon fortfarande är öppen (kör med --wait).`,
    'settle-outside': `användning: glase-pos settle-outside <paymentId> --note TEXT [--json] [--config FILE]

  <paymentId>     betalningen som fastnat för att Glase inte går att nå (glase-pos status listar den),
                  eller början av dess id när ingen annan betalning börjar likadant
  --note TEXT     hur den gjordes upp i stället, t.ex. "kunden betalade kontant" (1-200 tecken; loggas)
  --json          en JSON-resultatrad
  --config FILE   ${CONFIG}

Glase frågas först. Bara när den inte svarar avslutas betalningen här; den markeras då
för dagsstängningen, som stämmer av den mot Glases rapport.`,
    'confirm-orphan': `användning: glase-pos confirm-orphan [--by ID] [--note TEXT] [--config FILE]

  --by ID         vem som kontrollerade (standard "cashier"); sparas i granskningsloggen
  --note TEXT     vad kundens telefon visade, för granskningsloggen
  --config FILE   ${CONFIG}`,
    'set-pin': `användning: glase-pos set-pin [--config FILE]

  --config FILE   ${CONFIG}

  Frågar efter den nya PIN-koden två gånger utan eko; eller läser en rad från stdin
  (echo 482913 | glase-pos set-pin). PIN-koden sparas som en saltad scrypt-hash.`,
    enroll: `användning: glase-pos enroll <backoffice-url> <code> [--name NAME] [--ca-file PEM] [--config FILE]

  <backoffice-url>  butikens backoffice, t.ex. https://backoffice.shop.example:8070
  <code>            engångskoden för anslutning som ägaren skapade där (XXXX-XXXX-XXXX)
  --name NAME       kassans namn hos Glase (standard: terminal.name från konfigurationen)
  --ca-file PEM     certifikatutfärdaren (CA) som signerade backofficets certifikat, när den inte
                    är en publik (standard: backoffice.caFile); daemonens sändare använder konfigurationens
  --config FILE     ${CONFIG}`,
    export: `användning: glase-pos export --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json [--out FILE] [--config FILE]

  --from, --to   första och sista dagen (butikens lokala datum, inklusive)
  --format       csv (RFC 4180, rubrikrad, belopp som decimaltal) eller json (en array, belopp även i minsta enhet)
  --out FILE     skriv dit (0600) i stället för till stdout
  --config FILE  ${CONFIG}`,
    'forget-registration': `användning: glase-pos forget-registration [--yes] [--config FILE]

Bara när Glase svarat att den inte längre känner till kassan (resultat 29, t.ex. vid betalning eller
avregistrering): tar bort terminal-id:t, dess lösenord och Glase-ID:t från kassan, så att den
kan registreras igen. Glase frågas inte (där finns inget kvar att avregistrera).

  --yes           fråga inte om bekräftelse (krävs när stdin inte är en terminal)
  --config FILE   ${CONFIG}`,
    verify: `användning: glase-pos verify [--reseller ID --user ID] [--glase-id ID] [--json] [--report FILE] [--timeout S] [--config FILE]

  Kör certifieringssekvensen mot den konfigurerade Glase-servern (glase.url): registrering
  och tilldelning, betalning, avbrott, försök igen efter 30-s-fönstret, submitPaymentReceipt, en
  del- och en full återbetalning, 98-spärren, markTransactionPeriod + executeReport, och (bara
  simulatorn) en betalning som hämtas sent och inte går förlorad. Egen datakatalog och terminal;
  terminalen avregistreras i slutet.

  --reseller ID, --user ID  en testinloggning för återförsäljare (krävs mot en riktig server; lösenordet
                            kommer från en fråga, $GLASE_RESELLER_PASSWORD eller stdin, sparas aldrig)
  --glase-id ID   Glase-ID:t från testlappen att tilldela (standard: ett nytt på simulatorn)
  --json          rapporten som JSON på stdout (varje steg, dess anrop och resultatkoder, godkänt/underkänt)
  --report FILE   skriv också JSON-rapporten dit
  --timeout S     hur länge ett steg får ta (standard 60; en person som betalar med telefonen behöver tid)
  --config FILE   ${CONFIG}

Slutkod 0 när varje steg gick igenom, 1 när något misslyckades (rapporten säger vilket), 2 fel användning.`,
  },
};
