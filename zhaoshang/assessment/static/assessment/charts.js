// Charts shared by the cockpit and the progress pages (ECharts, served locally).
window.zsRankingChart = function (el, d) {
  if (!el || !d || !d.names) return null;
  const colours = { green: "#2fb344", amber: "#f59f00", red: "#d63939", none: "#adb5bd" };
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: { formatter: p => p.name + "：完成 " + p.value + "%" },
    grid: { left: 40, right: 78, top: 20, bottom: 40 },
    xAxis: { type: "category", data: d.names, axisLabel: { interval: 0, rotate: d.names.length > 6 ? 30 : 0 } },
    yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
    series: [{ type: "bar", data: d.values.map((v, i) => ({ value: v, itemStyle: { color: colours[d.rags[i]] || "#adb5bd" } })),
      label: { show: true, position: "top", formatter: "{c}%" },
      markLine: { symbol: "none", lineStyle: { color: "#206bc4", type: "dashed" },
        label: { formatter: "序时 " + d.time_share + "%" }, data: [{ yAxis: d.time_share }] } }]
  });
  return chart;
};
window.zsMonthlyChart = function (el, d) {
  if (!el || !d) return null;
  const chart = echarts.init(el);
  const series = [{ name: "累计完成", type: "bar", data: d.values, itemStyle: { color: "#206bc4" } }];
  if (d.schedule && d.schedule.length) series.push({ name: "序时目标", type: "line", data: d.schedule, itemStyle: { color: "#d63939" } });
  chart.setOption({ tooltip: { trigger: "axis" }, legend: {}, grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: d.months }, yAxis: { type: "value", name: d.unit }, series: series });
  return chart;
};
