// Draws a campaign's opens and clicks hour by hour with ECharts. The page hands the figures over as JSON in the
// chart element's data-engagement-chart attribute, because the Content-Security-Policy allows no inline script.
(function () {
    'use strict';

    function draw(element) {
        var data = JSON.parse(element.getAttribute('data-engagement-chart'));
        var chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { data: [data.opensLabel, data.clicksLabel], top: 0 },
            grid: { left: 56, right: 24, top: 36, bottom: 32 },
            xAxis: { type: 'category', data: data.hours },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
                { name: data.opensLabel, type: 'bar', data: data.opens, itemStyle: { color: '#0d6efd' } },
                { name: data.clicksLabel, type: 'bar', data: data.clicks, itemStyle: { color: '#198754' } }
            ]
        });
        element.setAttribute('data-drawn', 'true');
        window.addEventListener('resize', function () { chart.resize(); });
    }

    document.querySelectorAll('[data-engagement-chart]').forEach(draw);
})();
