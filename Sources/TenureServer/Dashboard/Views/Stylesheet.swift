/// The dashboard's one stylesheet, served at `/static/tenure.css`: system
/// fonts, visible focus, tables that scroll sideways on a phone, and charts
/// that shrink to the width available. No external fonts or CDNs.
enum Stylesheet {
    static let css = """
    :root { --ink: #111827; --muted: #4b5563; --line: #e5e7eb; --panel: #ffffff; --page: #f3f4f6;
      --accent: #0b5cad; --good: #047857; --bad: #b42318; --warn: #92400e; --focus: #f59e0b; }
    * { box-sizing: border-box; }
    html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
      background: var(--page); line-height: 1.45; font-size: 15px; }
    body { margin: 0; }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, main:focus-visible, summary:focus-visible,
    [role="region"]:focus-visible {
      outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
    .skip:focus { left: .5rem; top: .5rem; }
    .banner { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; padding: .6rem 1.25rem;
      background: #0f2a44; color: #fff; }
    .banner a { color: #fff; }
    .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; }
    .banner nav ul { display: flex; flex-wrap: wrap; gap: .25rem .9rem; list-style: none; margin: 0; padding: 0; }
    .banner nav a { text-decoration: none; padding: .2rem 0; border-bottom: 2px solid transparent; }
    .banner nav a[aria-current="page"] { border-bottom-color: #fbbf24; font-weight: 600; }
    .signout { margin-left: auto; display: flex; align-items: center; gap: .6rem; }
    .who { font-size: .9rem; } .role { opacity: .8; font-size: .8rem; border: 1px solid #ffffff66; border-radius: 4px; padding: 0 .3rem; }
    button, .button { font: inherit; padding: .35rem .8rem; border-radius: 6px; border: 1px solid #9ca3af; background: #fff;
      color: var(--ink); cursor: pointer; text-decoration: none; display: inline-block; }
    button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
    main { display: block; max-width: 1200px; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
    main.narrow { max-width: 420px; }
    h1 { font-size: 1.5rem; margin: .5rem 0 1rem; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .6rem; }
    .muted { color: var(--muted); } .small { font-size: .85rem; }
    .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-bottom: 1rem; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 1rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: .75rem; margin: 0 0 1rem; padding: 0; list-style: none; }
    .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .75rem .9rem; }
    .card .label { color: var(--muted); font-size: .85rem; margin: 0; }
    .card .value { font-size: 1.5rem; font-weight: 650; margin: .15rem 0; font-variant-numeric: tabular-nums; }
    .card .delta { font-size: .85rem; margin: 0; }
    .up-good, .down-good { color: var(--good); } .up-bad, .down-bad { color: var(--bad); } .flat { color: var(--muted); }
    .chart { max-width: 100%; height: auto; display: block; }
    .table-wrap { position: relative; overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    caption { text-align: left; padding: .6rem .75rem; font-weight: 600; }
    th, td { padding: .45rem .75rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { font-size: .85rem; color: var(--muted); font-weight: 600; white-space: nowrap; }
    td.num, th.num { text-align: right; }
    tbody tr:hover { background: #f9fafb; }
    th a { color: inherit; } th a[aria-sort], th[aria-sort] a { color: var(--ink); }
    .filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; margin-bottom: 1rem; }
    .filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .2rem; }
    .banner > * { min-width: 0; } .chart { max-width: 100%; }
    input, select { max-width: 100%; font: inherit; padding: .35rem .5rem; border: 1px solid #9ca3af; border-radius: 6px; background: #fff; color: var(--ink); }
    .subnav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0 0 1rem; padding: 0; }
    .subnav a[aria-current="page"] { font-weight: 600; color: var(--ink); }
    .pager { display: flex; gap: 1rem; align-items: center; padding: .6rem .75rem; flex-wrap: wrap; }
    .empty { background: #fffbeb; border: 1px solid #fcd34d; border-radius: 8px; padding: .75rem 1rem; margin: .5rem 0 1rem; }
    .empty-title { font-weight: 600; margin: 0 0 .25rem; } .empty p { margin: .25rem 0; }
    code { background: #eef2f7; padding: .05rem .3rem; border-radius: 4px; font-size: .9em; }
    .badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .8rem; border: 1px solid currentColor; white-space: nowrap; }
    .badge.at-risk, .badge.red { color: var(--bad); } .badge.standard, .badge.yellow { color: var(--warn); }
    .badge.auto-renew, .badge.green { color: var(--good); }
    .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: .5rem 1rem; margin: 0; }
    .facts dl { margin: 0; } .facts dt { color: var(--muted); font-size: .85rem; } .facts dd { margin: 0; font-weight: 600; }
    .timeline { list-style: none; margin: 0; padding: 0; }
    .timeline li { display: grid; grid-template-columns: 7.5rem 7rem 1fr; gap: .5rem; padding: .45rem .25rem; border-bottom: 1px solid var(--line); }
    .timeline .when { color: var(--muted); font-variant-numeric: tabular-nums; }
    .kind { font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
    .signin { margin-top: 8vh; } .signin form { display: grid; gap: .8rem; } .signin label { display: grid; gap: .25rem; }
    .error { color: var(--bad); font-weight: 600; }
    .footer { text-align: center; color: var(--muted); font-size: .8rem; padding: 1rem; }
    .bar-list { list-style: none; margin: 0; padding: 0; }
    @media (max-width: 640px) {
      html { font-size: 14px; } main { padding: .75rem; } .signout { margin-left: 0; flex-wrap: wrap; }
      .banner nav { flex-basis: 100%; order: 3; min-width: 0; }
      .filters label { flex: 1 1 100%; } select, input { max-width: 100%; width: 100%; }
      .timeline li { grid-template-columns: 1fr; gap: 0; }
      .hide-narrow { display: none; }
    }
    """
}

extension Stylesheet {
    /// Text for screen readers only.
    static let screenReaderOnly = ".sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }"
}
