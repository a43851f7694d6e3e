import D from 'better-sqlite3';
const db = new D(process.argv[2], { readonly: true });
const rows = db.prepare("SELECT name, sum(pgsize)/1048576.0 AS mib FROM dbstat GROUP BY name ORDER BY mib DESC LIMIT 25").all();
for (const r of rows) console.log(r.name.padEnd(40), r.mib.toFixed(1));
