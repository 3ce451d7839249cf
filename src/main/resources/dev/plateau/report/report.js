// Draws a Plateau study report from the JSON embedded in the page (StudyReport.data).
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('study-data').textContent);
  var main = document.getElementById('report');
  var pending = [];
  var GREY = '#b8bec7', FRONT = '#d62828', BLUE = '#1d3557';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function section(id, title, note) {
    var s = el('section', {id: id});
    s.appendChild(el('h2', null, title));
    if (note) s.appendChild(el('p', {'class': 'note'}, note));
    main.appendChild(s);
    var a = el('a', {href: '#' + id}, title);
    document.getElementById('nav').appendChild(a);
    return s;
  }
  function fmt(v) {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'number') {
      if (!isFinite(v)) return String(v);
      if (Number.isInteger(v)) return String(v);
      return Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4);
    }
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }
  function table(parent, columns, rows) {
    var t = el('table');
    var head = el('tr');
    columns.forEach(function (c) { head.appendChild(el('th', null, c)); });
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (v) { tr.appendChild(el('td', typeof v === 'number' ? {'class': 'num'} : null, fmt(v))); });
      t.appendChild(tr);
    });
    parent.appendChild(t);
    return t;
  }
  function plot(parent, traces, layout) {
    var div = el('div', {'class': 'plot'});
    parent.appendChild(div);
    var base = {margin: {t: 40, l: 70, r: 30, b: 60}, height: 420, font: {size: 12}, hovermode: 'closest'};
    pending.push(Plotly.newPlot(div, traces, Object.assign(base, layout), {displaylogo: false, responsive: true}));
    return div;
  }
  function num(s) { var v = parseFloat(s); return isNaN(v) ? null : v; }
  function column(t, name) { var i = t.columns.indexOf(name); return t.rows.map(function (r) { return num(r[i]); }); }

  var S = D.summary;
  document.getElementById('title').textContent = 'Plateau ' + S.kind + ' report: ' + S.study;
  document.getElementById('subtitle').textContent = S.dir + (S.message ? ' — ' + S.message : S.state ? ' — ' + S.state : '');

  // Summary
  (function () {
    var s = section('summary', 'Summary');
    var source = S.dataset.calo ? 'calorimeter showers, variant ' + S.dataset.calo.variant + ', ' + S.dataset.calo.events + ' events, target ' + S.dataset.calo.target
        : S.dataset.csv ? S.dataset.csv.path + ' (' + S.dataset.csv.task + ', targets ' + S.dataset.csv.targets.join(', ') + ')' : '';
    var declared = Object.keys(S.deployment || {}).filter(function (k) { return S.deployment[k] !== null; });
    var rows = [['study', S.study + ' (seed ' + S.seed + ')'], ['data', source],
      ['deployment', declared.length ? declared.map(function (k) { return k + ' ' + JSON.stringify(S.deployment[k]); }).join('; ') : 'none declared'],
      ['trainings', S.trainings + ' instances of ' + S.configurations + ' configurations' + (S.space_size ? ', of ' + S.space_size + ' configurations in the space' : '')],
    ];
    if (S.baselines) {
      var B = S.baselines.baselines;
      rows.push(['baselines', 'trivial predictor ' + B.metric + ' ' + fmt(B.trivial) + ' (' + B.trivialRule + ')'
          + (B.domain !== null && B.domain !== undefined ? '; ' + B.domainRule + ' ' + fmt(B.domain) : '')]);
      rows.push(['usefulness floor', 'the archive admits ' + S.baselines.floor.rule]);
    }
    if (S.kind === 'search') rows.push(['Pareto archive', S.archive + ' configurations' + (S.hypervolume !== undefined ? ', hypervolume ' + fmt(S.hypervolume) : '')]);
    if (S.generations) rows.push(['generations', S.generation + ' of ' + S.generations]);
    if (S.started) rows.push(['time', 'started ' + S.started + ', last update ' + S.updated]);
    table(s, ['', ''], rows);
    var failures = Object.keys(S.failures);
    if (failures.length) {
      s.appendChild(el('h3', null, 'Instances that did not end ok'));
      table(s, ['reason', 'instances'], failures.map(function (k) { return [k, S.failures[k]]; }));
    }
    if (S.picks.length) {
      s.appendChild(el('h3', null, 'Which model to take'));
      table(s, ['for', 'configuration', 'task error', 'BOPs', 'model', 'export'],
          S.picks.map(function (p) { return [p.why, p.id + '  ' + p.canonical, p.task_error, p.bops, p.model, p.export]; }));
      s.appendChild(el('p', {'class': 'note'}, 'Task error: the validation metric (1 − accuracy for a classifier), or the metric as deployed when plateau verify has run. Export writes QONNX, ONNX, a DL4J zip, integer weights and a model card.'));
    }
  })();

  var objectives = D.objectives;
  var scored = D.configurations.filter(function (c) { return c.objectives.length === objectives.length; });
  function hover(c) { return c.id + '<br>' + c.canonical + '<br>' + c.ok + ' of ' + c.instances + ' instances ok, ' + c.status + (c.rank ? ', Pareto rank ' + c.rank : ''); }

  // Pareto front (a validate folder has a population, not a front)
  if (S.kind === 'search' && scored.length && objectives.length >= 2) {
    var s = section('pareto', 'Pareto front', 'Red: the archive (non-dominated configurations); grey: dominated ones. Configurations without a score (failed or rejected) are listed in the summary. Hover for the configuration.');
    var groups = [['Pareto archive', scored.filter(function (c) { return c.in_archive; }), FRONT],
      ['dominated', scored.filter(function (c) { return !c.in_archive; }), GREY]];
    if (objectives.length === 2) {
      plot(s, groups.map(function (g) {
        return {type: 'scatter', mode: 'markers', name: g[0], x: g[1].map(function (c) { return c.objectives[0]; }),
          y: g[1].map(function (c) { return c.objectives[1]; }), text: g[1].map(hover), hoverinfo: 'text', marker: {color: g[2], size: 9}};
      }), {xaxis: {title: {text: objectives[0].label + ' (' + objectives[0].direction + ')'}}, yaxis: {title: {text: objectives[1].label + ' (' + objectives[1].direction + ')'}}});
    } else {
      plot(s, groups.map(function (g) {
        return {type: 'splom', name: g[0], text: g[1].map(hover), hoverinfo: 'text', marker: {color: g[2], size: 6},
          dimensions: objectives.map(function (o, i) { return {label: o.label, values: g[1].map(function (c) { return c.objectives[i]; })}; })};
      }), {height: 620, dragmode: 'select'});
    }
    s.appendChild(el('h3', null, 'Parallel coordinates: objectives and genes, coloured by Pareto rank'));
    var dims = objectives.map(function (o, i) { return {label: o.label, values: scored.map(function (c) { return c.objectives[i]; })}; });
    D.genes.forEach(function (g, i) {
      var values = scored.map(function (c) { return c.genes[i]; });
      if (Math.min.apply(null, values) !== Math.max.apply(null, values)) dims.push({label: g, values: values});
    });
    var ranks = scored.map(function (c) { return c.rank || 1; });
    plot(s, [{type: 'parcoords', labelangle: -30, labelside: 'top', dimensions: dims, line: {color: ranks, colorscale: [[0, FRONT], [1, GREY]], showscale: true,
      colorbar: {title: {text: 'Pareto rank'}}, cmin: 1, cmax: Math.max.apply(null, ranks)}}], {height: 500, margin: {t: 110, l: 60, r: 60, b: 30}});
  }

  // Hypervolume
  if (D.hypervolume.length) {
    var h = section('hypervolume', 'Hypervolume', 'Normalised hypervolume of the archive after each generation, against the trainings used so far; archive size on the right axis.');
    plot(h, [{type: 'scatter', mode: 'lines+markers', name: 'hypervolume', x: D.hypervolume.map(function (r) { return r.trainings; }),
      y: D.hypervolume.map(function (r) { return r.hypervolume; }), line: {color: BLUE}},
      {type: 'scatter', mode: 'lines', name: 'archive size', yaxis: 'y2', x: D.hypervolume.map(function (r) { return r.trainings; }),
        y: D.hypervolume.map(function (r) { return r.archive; }), line: {color: GREY, dash: 'dot'}}],
    {xaxis: {title: {text: 'trainings'}}, yaxis: {title: {text: 'hypervolume'}}, yaxis2: {title: {text: 'archive size'}, overlaying: 'y', side: 'right'}});
  }

  // Racing
  if (S.kind === 'search' && D.generations.length) {
    var r = section('racing', 'Racing', 'Trainings per generation: instances of configurations new in it, and further instances of configurations still racing; configurations dropped in each generation.');
    var gens = D.generations.map(function (g) { return g.generation; });
    plot(r, [{type: 'bar', name: 'new configurations', x: gens, y: D.generations.map(function (g) { return g['new']; }), marker: {color: BLUE}},
      {type: 'bar', name: 'more instances (racing)', x: gens, y: D.generations.map(function (g) { return g.more_instances; }), marker: {color: '#7fa7d9'}},
      {type: 'scatter', mode: 'lines+markers', name: 'dropped', x: gens, y: D.generations.map(function (g) { return g.dropped; }), line: {color: FRONT}}],
    {barmode: 'stack', xaxis: {title: {text: 'generation'}, dtick: 1}, yaxis: {title: {text: 'trainings / configurations'}}});
    var dropped = D.configurations.filter(function (c) { return /^dropped/.test(c.status); });
    if (dropped.length) {
      r.appendChild(el('h3', null, 'Dropped by racing'));
      table(r, ['configuration', 'status', 'instances'], dropped.map(function (c) { return [c.id + '  ' + c.canonical, c.status, c.instances]; }));
    }
  }

  // Instance spread
  var spread = D.configurations.filter(function (c) { return c.instance_values; });
  if (spread.length) {
    var p = section('instances', 'Instances', 'Each objective over the instances (seeds, training samples) of the archive members and the most accurate configurations: the spread a deployment would see.');
    var grid = el('div', {'class': 'grid'});
    p.appendChild(grid);
    objectives.forEach(function (o) {
      plot(grid, spread.map(function (c) {
        return {type: 'box', name: c.id, y: c.instance_values[o.name], boxpoints: 'all', jitter: 0.3, pointpos: 0,
          marker: {color: c.in_archive ? FRONT : GREY}, hovertext: c.canonical};
      }), {title: {text: o.name}, showlegend: false, xaxis: {tickangle: -45}});
    });
  }

  // Robustness of verified members
  if (D.robustness && D.robustness.members) {
    var rb = section('robustness', 'Robustness: predicted and measured', 'Measured: plateau verify\'s score per noise family (mean rise of the task metric over the severities, lower is more robust). Predicted: the proxies computed during the search. Spearman ρ over the verified members, with a 1,000-resample bootstrap 95 % interval.');
    var members = D.robustness.members;
    var families = Object.keys(members[0].measured).filter(function (k) { return !/_clean$/.test(k); });
    table(rb, ['configuration'].concat(families), members.map(function (m) { return [m.id].concat(families.map(function (f) { return m.measured[f]; })); }));
    var corr = D.robustness.correlations || [];
    if (corr.length) {
      rb.appendChild(el('h3', null, 'Rank agreement'));
      table(rb, ['proxy', 'noise family', 'n', 'Spearman ρ', '95 % interval'], corr.map(function (c) { return [c.proxy, c.family, c.n, c.spearman, '[' + fmt(c.low) + ', ' + fmt(c.high) + ']']; }));
      var g = el('div', {'class': 'grid'});
      rb.appendChild(g);
      families.forEach(function (f) {
        var best = corr.filter(function (c) { return c.family === f; }).sort(function (a, b) { return b.spearman - a.spearman; })[0];
        if (!best) return;
        plot(g, [{type: 'scatter', mode: 'markers', x: members.map(function (m) { return m.predicted[best.proxy]; }),
          y: members.map(function (m) { return m.measured[f]; }), text: members.map(function (m) { return m.id; }), marker: {color: BLUE, size: 9}}],
        {title: {text: f + ': ρ = ' + fmt(best.spearman) + ' [' + fmt(best.low) + ', ' + fmt(best.high) + ']'},
          xaxis: {title: {text: best.proxy + ' (predicted)'}}, yaxis: {title: {text: f + ' score (measured)'}}});
      });
    }
  }

  // Proxy validation (a validate folder)
  if (D.validation) {
    var v = section('validation', 'Proxy validation', 'How well each proxy ranks the population by its measured robustness: Spearman ρ with its bootstrap interval, Kendall τ, and partial ρ given the clean loss (and log params).');
    var c = D.validation.correlations, pop = D.validation.population;
    var ci = function (n) { return c.columns.indexOf(n); };
    var rows = c.rows.slice().sort(function (a, b) { return Math.abs(num(b[ci('spearman')])) - Math.abs(num(a[ci('spearman')])); });
    table(v, c.columns, rows.map(function (r) { return r.map(function (x, i) { return i < 2 ? x : num(x); }); }));
    var byScore = {};
    rows.forEach(function (r) { var k = r[ci('robustness')]; if (!byScore[k]) byScore[k] = r; });
    var vg = el('div', {'class': 'grid'});
    v.appendChild(vg);
    Object.keys(byScore).forEach(function (score) {
      var r = byScore[score], proxy = r[ci('proxy')];
      if (pop.columns.indexOf(proxy) < 0 || pop.columns.indexOf(score) < 0) return;
      plot(vg, [{type: 'scatter', mode: 'markers', x: column(pop, proxy), y: column(pop, score), marker: {color: BLUE, size: 6, opacity: 0.7}}],
          {title: {text: score + ' against ' + proxy + ' (ρ = ' + fmt(num(r[ci('spearman')])) + ')'}, xaxis: {title: {text: proxy}}, yaxis: {title: {text: score}}});
    });
  }

  // Loss landscapes
  if (D.landscapes.length) {
    var ls = section('landscape', 'Loss landscapes', 'Slices written by plateau landscape: the loss along filter-normalised random and Hessian eigen directions (1-D), and over planes of two directions (2-D).');
    D.landscapes.forEach(function (l) {
      ls.appendChild(el('h3', null, l.model));
      var lg = el('div', {'class': 'grid'});
      ls.appendChild(lg);
      if (l.lines.length)
        plot(lg, l.lines.map(function (line) { return {type: 'scatter', mode: 'lines', name: line.name, x: column(line.table, 'alpha'), y: column(line.table, 'loss')}; }),
            {title: {text: '1-D slices'}, xaxis: {title: {text: 'step along the direction'}}, yaxis: {title: {text: 'loss'}}});
      l.planes.forEach(function (p) {
        var a = column(p.table, 'alpha'), b = column(p.table, 'beta'), loss = column(p.table, 'loss');
        var xs = a.filter(function (x, i) { return a.indexOf(x) === i; }), ys = b.filter(function (x, i) { return b.indexOf(x) === i; });
        var z = ys.map(function () { return []; });
        for (var i = 0; i < loss.length; i++) z[ys.indexOf(b[i])][xs.indexOf(a[i])] = loss[i];
        plot(lg, [{type: 'heatmap', x: xs, y: ys, z: z, colorscale: 'Viridis', colorbar: {title: {text: 'loss'}}}],
            {title: {text: '2-D slice: ' + p.name}, xaxis: {title: {text: 'first direction'}}, yaxis: {title: {text: 'second direction'}}});
      });
    });
  }

  // Provenance
  if (D.provenance) {
    var pv = section('provenance', 'Provenance');
    var P = D.provenance;
    table(pv, ['', ''], [['Plateau', P.plateauVersion + ' (' + P.codeVersion + ')'], ['Java', P.java], ['host', P.os + ', ' + P.processors + ' processors, OMP_NUM_THREADS=' + P.ompNumThreads],
      ['study seed', P.studySeed], ['workers', P.workers], ['started', P.startedAt], ['command', (P.commandLine || []).join(' ')],
      ['libraries', Object.keys(P.libraries || {}).map(function (k) { return k + ' ' + P.libraries[k]; }).join(', ')]]);
    if (P.runs && P.runs.length) {
      pv.appendChild(el('h3', null, 'Runs'));
      table(pv, ['started', 'code version', 'command'], P.runs.map(function (r) { return [r.startedAt, r.codeVersion, (r.commandLine || []).join(' ')]; }));
    }
    if (D.crashes.length) {
      pv.appendChild(el('h3', null, 'Crashes'));
      table(pv, ['time', 'cause', 'restarted'], D.crashes.map(function (c) { return [c.time, c.cause, c.restarted]; }));
    }
  }

  Promise.all(pending).then(function () {
    document.body.setAttribute('data-charts', String(pending.length));
    document.body.setAttribute('data-rendered', String(document.querySelectorAll('.js-plotly-plot').length));
  }, function (e) {
    window.reportErrors.push('plot: ' + e);
  }).then(function () {
    document.body.setAttribute('data-errors', JSON.stringify(window.reportErrors));
    if (window.reportErrors.length) main.appendChild(el('pre', null, window.reportErrors.join('\n')));
  });
})();
