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
  document.querySelectorAll("[data-echarts]").forEach((el) => {
    const option = JSON.parse(document.getElementById(el.dataset.echarts).textContent);
    const chart = echarts.init(el);
    chart.setOption(option);
    window.addEventListener("resize", () => chart.resize());
  });
});
