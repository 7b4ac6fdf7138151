// Small behaviours shared by every page. No framework: Tabler (Bootstrap), htmx, Tom Select.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-searchable]").forEach((el) => {
    if (el.tomselect || el.options.length < 8) return;
    new TomSelect(el, { allowEmptyOption: true, maxOptions: 500, plugins: el.multiple ? ["remove_button"] : [] });
  });
  document.querySelectorAll("input[data-select-all]").forEach((box) => {
    box.addEventListener("change", () => {
      box.closest("table").querySelectorAll('tbody input[name="pk"]').forEach((cb) => { cb.checked = box.checked; });
    });
  });
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (e) => { if (!window.confirm(form.dataset.confirm)) e.preventDefault(); });
  });
  // Custom series renderers named in server-side chart options ("renderItem": "timelineBar").
  const renderers = {
    timelineBar(params, api) {
      const start = api.coord([api.value(1), api.value(0)]);
      const end = api.coord([api.value(2), api.value(0)]);
      const height = api.size([0, 1])[1] * 0.55;
      return {
        type: "rect",
        shape: { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 2), height },
        style: api.style(),
      };
    },
  };
  document.querySelectorAll("[data-echarts]").forEach((el) => {
    const option = JSON.parse(document.getElementById(el.dataset.echarts).textContent);
    (option.series || []).forEach((s) => {
      if (typeof s.renderItem === "string") s.renderItem = renderers[s.renderItem];
    });
    const chart = echarts.init(el);
    chart.setOption(option);
    window.addEventListener("resize", () => chart.resize());
  });
});
