// eventdata report: filters by date, event type and admin1, offline, in this one file.
// Without this script the page shows every event; with it the filter form appears and the
// map, the weekly bars, the admin1 table and small multiples, the top tables (when the page
// carries their counts), the key figures and the count of events shown follow the filters. It reads the
// counts in the element #eventdata-data and loads nothing.
(function () {
  "use strict";
  var source = document.getElementById("eventdata-data");
  var form = document.getElementById("filters");
  if (!source || !form) { return; }
  var data = JSON.parse(source.textContent);
  var cube = data.cube;
  var W = data.weeks.length, T = data.types.length, A = data.areas.length;
  var NS = "http://www.w3.org/2000/svg";
  var from = form.elements.from, to = form.elements.to, area = form.elements.area;
  var typeBoxes = Array.prototype.slice.call(form.querySelectorAll("input[name=type]"));
  form.hidden = false;

  function fmt(v) { return Math.round(v).toLocaleString("en-US"); }

  function niceStep(span, target) {
    if (!(span > 0)) { return 1; }
    var raw = span / target, power = Math.pow(10, Math.floor(Math.log10(raw)));
    var factors = [1, 2, 5, 10];
    for (var i = 0; i < factors.length; i++) {
      if (raw <= factors[i] * power) { return factors[i] * power; }
    }
    return 10 * power;
  }

  // the same whole-number axis as count_ticks in charts.py
  function ticks(peak) {
    var step = Math.max(Math.floor(niceStep(Math.max(peak, 1), 4)), 1);
    return { step: step, top: Math.max(Math.ceil(peak / step) * step, step) };
  }

  function weekOf(value, fallback) {
    if (!value) { return fallback; }
    var day = Date.parse(value + "T00:00:00Z") / 86400000;
    if (isNaN(day)) { return fallback; }
    return Math.floor((day - data.firstDay) / 7);
  }

  function state() {
    var types = typeBoxes.map(function (box) { return box.checked; });
    var w0 = Math.max(weekOf(from.value, 0), 0), w1 = Math.min(weekOf(to.value, W - 1), W - 1);
    return { types: types, w0: w0, w1: w1, full: w0 <= 0 && w1 >= W - 1,
             area: area.value === "" ? -1 : Number(area.value) };
  }

  function element(name, attributes, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function label(series, value, unit, week) {
    var text = series + ": " + fmt(value) + " " + unit + ", week of " + data.weeks[week] +
      " (Saturday to Friday)";
    return data.partial[week] ? text + "; " + data.partial[week] : text;
  }

  // stacked weekly bars, as bar_chart in timeline.py draws them
  function drawBars(svg, value, series, colours, unit, peak) {
    var left = Number(svg.dataset.left), top = Number(svg.dataset.top);
    var ph = Number(svg.dataset.ph), band = Number(svg.dataset.band);
    var axis = ticks(peak), bars = svg.querySelector("g.bars"), grid = svg.querySelector("g.axis");
    var width = svg.viewBox.baseVal.width, right = Number(svg.dataset.right);
    while (bars.firstChild) { bars.removeChild(bars.firstChild); }
    while (grid.firstChild) { grid.removeChild(grid.firstChild); }
    for (var v = 0; v <= axis.top; v += axis.step) {
      var gy = (top + ph * (1 - v / axis.top)).toFixed(1);
      grid.appendChild(element("line", { x1: left, x2: width - right, y1: gy, y2: gy }));
      grid.appendChild(element("text", { x: left - 4, y: (Number(gy) + 4).toFixed(1),
        "text-anchor": "end" }, fmt(v)));
    }
    for (var w = 0; w < W; w++) {
      var base = 0, x = (left + w * band + band * 0.08).toFixed(2);
      var barWidth = Math.max(band * 0.84, 0.6).toFixed(2);
      for (var s = 0; s < series.length; s++) {
        var n = value(w, s);
        if (n <= 0) { continue; }
        var rect = element("rect", { x: x, width: barWidth, fill: colours[s],
          y: (top + ph * (1 - (base + n) / axis.top)).toFixed(2),
          height: (ph * n / axis.top).toFixed(2) });
        if (data.partial[w]) { rect.setAttribute("class", "partial"); }
        rect.appendChild(element("title", {}, label(series[s], n, unit, w)));
        bars.appendChild(rect);
        base += n;
      }
    }
  }

  // a top table (sub-event types, actors), as tables.py lists it: the most events first
  function drawTop(bodyId, top, s) {
    var K = top.names.length;
    var n = new Float64Array(K), f = new Float64Array(K), u = new Float64Array(K);
    for (var i = 0; i < top.n.length; i++) {
      var w = top.w[i];
      if (!s.types[top.t[i]] || (s.area >= 0 && top.a[i] !== s.area)) { continue; }
      if (w < 0 ? !s.full : (w < s.w0 || w > s.w1)) { continue; }
      n[top.k[i]] += top.n[i]; f[top.k[i]] += top.f[i]; u[top.k[i]] += top.u[i];
    }
    var order = [];
    for (var k = 0; k < K; k++) { if (n[k] > 0) { order.push(k); } }
    order.sort(function (x, y) { return n[y] - n[x] || f[y] - f[x]; });
    order = order.slice(0, data.top);
    var peak = order.length ? n[order[0]] : 1;
    var body = document.getElementById(bodyId);
    while (body.firstChild) { body.removeChild(body.firstChild); }
    order.forEach(function (k) {
      var row = document.createElement("tr");
      var texts = top.types ? [top.names[k], data.types[top.types[k]]] : [top.names[k]];
      texts.forEach(function (text) {
        var cell = document.createElement("td"); cell.textContent = text; row.appendChild(cell);
      });
      [fmt(n[k]), u[k] > 0 ? "\u2013" : fmt(f[k])].forEach(function (text) {
        var cell = document.createElement("td"); cell.className = "n"; cell.textContent = text;
        row.appendChild(cell);
      });
      var barCell = document.createElement("td"), bar = document.createElement("span");
      barCell.className = "bar";
      bar.style.width = Math.max(100 * n[k] / peak, 0.5).toFixed(1) + "%";
      if (top.types) { bar.style.background = data.colours[top.types[k]]; }
      bar.title = top.names[k] + ": " + fmt(n[k]) + " events";
      barCell.appendChild(bar); row.appendChild(barCell); body.appendChild(row);
    });
  }

  function apply() {
    var s = state();
    var ev = new Float64Array(W * T), fa = new Float64Array(W * T), sm = new Float64Array(A * W);
    var an = new Float64Array(A), af = new Float64Array(A);
    var mn = new Float64Array(data.marks), mf = new Float64Array(data.marks);
    var total = 0, fatal = 0;
    for (var i = 0; i < cube.n.length; i++) {
      var t = cube.t[i], a = cube.a[i], w = cube.w[i];
      if (!s.types[t] || (s.area >= 0 && a !== s.area)) { continue; }
      if (w < 0 ? !s.full : (w < s.w0 || w > s.w1)) { continue; }
      var n = cube.n[i], f = cube.f[i];
      total += n; fatal += f; an[a] += n; af[a] += f;
      if (w >= 0) { ev[w * T + t] += n; fa[w * T + t] += f; sm[a * W + w] += n; }
      if (cube.m[i] >= 0) { mn[cube.m[i]] += n; mf[cube.m[i]] += f; }
    }
    var peakOf = function (m, cols) {
      var peak = 0;
      for (var w = 0; w < W; w++) {
        var sum = 0;
        for (var c = 0; c < cols; c++) { sum += m[w * cols + c]; }
        peak = Math.max(peak, sum);
      }
      return peak;
    };
    var colours = data.colours;
    document.querySelectorAll("svg[data-chart=ev]").forEach(function (svg) {
      drawBars(svg, function (w, t) { return ev[w * T + t]; }, data.types, colours, "events",
        peakOf(ev, T));
    });
    document.querySelectorAll("svg[data-chart=fa]").forEach(function (svg) {
      drawBars(svg, function (w, t) { return fa[w * T + t]; }, data.types, colours, "fatalities",
        peakOf(fa, T));
    });
    var multiples = document.querySelectorAll("[data-area-chart]");
    var smPeak = 0;
    multiples.forEach(function (box) {
      var a = Number(box.dataset.areaChart);
      for (var w = 0; w < W; w++) { smPeak = Math.max(smPeak, sm[a * W + w]); }
    });
    multiples.forEach(function (box) {
      var a = Number(box.dataset.areaChart);
      box.hidden = s.area >= 0 && s.area !== a;
      drawBars(box.querySelector("svg"), function (w) { return sm[a * W + w]; },
        [data.areas[a]], [data.multipleColour], "events", smPeak);
    });
    document.querySelectorAll("#map-svg [data-m]").forEach(function (mark) {
      var m = Number(mark.dataset.m), n = mn[m];
      mark.style.display = n > 0 ? "" : "none";
      if (data.binned && n > 0) {
        if (mark.tagName === "circle") {
          mark.setAttribute("r", (2 + data.radiusFactor * Math.sqrt(n)).toFixed(1));
        }
        var title = mark.querySelector("title");
        title.textContent = title.textContent.replace(/[\d,]+ events, [\d,]+ fatalities/,
          fmt(n) + " events, " + fmt(mf[m]) + " fatalities");
      }
    });
    document.querySelectorAll("tr[data-a]").forEach(function (row) {
      var a = Number(row.dataset.a);
      row.hidden = an[a] === 0;
      row.querySelector(".events").textContent = fmt(an[a]);
      var cell = row.querySelector(".fatalities");
      if (!cell.dataset.unknown) { cell.textContent = fmt(af[a]); }
    });
    if (data.subs) { drawTop("sub-events", data.subs, s); }
    if (data.actors) { drawTop("actors", data.actors, s); }
    document.getElementById("figure-events").textContent = fmt(total);
    var figure = document.getElementById("figure-fatalities");
    if (!figure.dataset.unknown) { figure.textContent = fmt(fatal); }
    document.getElementById("shown").textContent = s.full && total === data.total
      ? "Showing all " + fmt(total) + " events."
      : "Showing " + fmt(total) + " of " + fmt(data.total) + " events (" + fmt(fatal) +
        " reported fatalities).";
  }

  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
})();
