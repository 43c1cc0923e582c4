// Draws a metric's daily figures with ECharts. The page hands the figures over as JSON in the chart element's
// data-chart attribute, because the Content-Security-Policy allows no inline script.
(function () {
    'use strict';

    function draw(element) {
        var data = JSON.parse(element.getAttribute('data-chart'));
        var money = new Intl.NumberFormat(document.documentElement.lang || 'en',
            { style: 'currency', currency: data.currency || 'USD' });
        var yAxis = [{ type: 'value', name: data.labels.count, minInterval: 1 }];
        var series = [{
            name: data.labels.count, type: 'bar', data: data.counts,
            itemStyle: { color: '#0d6efd', borderRadius: [3, 3, 0, 0] }
        }];
        if (data.values) {
            yAxis.push({ type: 'value', name: data.labels.value, splitLine: { show: false },
                axisLabel: { formatter: function (value) { return money.format(value); } } });
            series.push({
                name: data.labels.value, type: 'line', yAxisIndex: 1, smooth: true, showSymbol: false,
                data: data.values.map(Number), itemStyle: { color: '#198754' },
                tooltip: { valueFormatter: function (value) { return money.format(value); } }
            });
        }
        var chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 48, right: data.values ? 80 : 24, top: 40, bottom: 32 },
            xAxis: { type: 'category', data: data.days, axisTick: { alignWithLabel: true } },
            yAxis: yAxis,
            series: series
        });
        window.addEventListener('resize', function () { chart.resize(); });
    }

    document.querySelectorAll('[data-chart]').forEach(draw);
})();
