// The chain map: a graph with one column per stage (上游/中游/下游/配套), tree order inside a
// column, colours by local presence, a coloured border for gaps, arrows for supply edges.
// Clicking a node loads its panel (local firms by district, leaders, projects) with htmx.
(function () {
  const el = document.getElementById("chain-map");
  if (!el) return;
  const d = JSON.parse(document.getElementById("chain-data").textContent);
  const fill = { strong: "#2f9e44", present: "#94d82d", weak: "#fab005", absent: "#ced4da" };
  const border = { fill: "#d63939", strengthen: "#206bc4", extend: "#ae3ec9" };
  const rows = Math.max(...d.nodes.map(n => n.y)) / 30 + 1;
  el.style.height = Math.max(420, rows * 30 + 60) + "px";
  const nodes = d.nodes.map(n => ({
    id: n.code, name: n.name, x: n.x, y: n.y, value: n.firms,
    symbolSize: n.level === 1 ? 14 : Math.min(36, 9 + 4 * Math.sqrt(n.firms)),
    symbol: n.level === 1 ? "roundRect" : "circle",
    itemStyle: { color: fill[n.presence], borderColor: border[n.gap] || "#fff", borderWidth: n.gap ? 3 : 1,
                 borderType: n.alias_of ? "dashed" : "solid" },
    label: { show: true, position: "right", fontSize: n.level === 1 ? 13 : 11, fontWeight: n.level === 1 ? "bold" : "normal",
             formatter: n.alias_of ? n.name + " →" : n.name },
    raw: n,
  }));
  const tree = d.nodes.filter(n => n.parent).map(n => ({ source: n.parent, target: n.code,
    lineStyle: { color: "#dee2e6", width: 1, curveness: 0 }, symbol: ["none", "none"] }));
  const supply = d.edges.map(e => ({ source: e.source, target: e.target, material: e.material,
    lineStyle: { color: "#206bc4", width: 1.2, opacity: 0.55, curveness: 0.25 }, symbol: ["none", "arrow"], symbolSize: 7 }));
  const chart = echarts.init(el);
  function draw(showSupply) {
    chart.setOption({
      tooltip: { formatter: p => {
        if (p.dataType === "edge") return p.data.material ? `${p.data.source} → ${p.data.target}：${p.data.material}` : "";
        const n = p.data.raw;
        return `<b>${n.code} ${n.name}</b><br>本地企业 ${n.firms} 家（本节点 ${n.own_firms}）<br>链主/龙头 ${n.leaders} 家<br>在谈在建项目 ${n.projects} 个` +
          (n.gap_label ? `<br>缺口：${n.gap_label}` : "");
      } },
      animation: false,
      series: [{ type: "graph", layout: "none", roam: true, data: nodes, links: showSupply ? tree.concat(supply) : tree,
                 emphasis: { focus: "adjacency" }, edgeSymbolSize: 7, left: 10, right: 150, top: 10, bottom: 10 }],
    }, true);
  }
  draw(true);
  document.getElementById("show-supply").addEventListener("change", e => draw(e.target.checked));
  chart.on("click", p => {
    if (p.dataType !== "node") return;
    htmx.ajax("GET", d.node_url.replace("__code__", p.data.id), { target: "#node-panel" });
  });
  window.addEventListener("resize", () => chart.resize());
})();
