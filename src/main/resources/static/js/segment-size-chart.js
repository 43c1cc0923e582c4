// Draws a segment's size day by day with ECharts. The page hands the figures over as JSON in the chart element's
// data-size-chart attribute, because the Content-Security-Policy allows no inline script.
(function () {
    'use strict';

    function draw(element) {
        var data = JSON.parse(element.getAttribute('data-size-chart'));
        var chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            tooltip: { trigger: 'axis' },
            grid: { left: 56, right: 24, top: 24, bottom: 32 },
            xAxis: { type: 'category', data: data.days, boundaryGap: false },
            yAxis: { type: 'value', name: data.label, minInterval: 1 },
            series: [{
                name: data.label, type: 'line', data: data.sizes, step: 'end', showSymbol: data.days.length < 2,
                areaStyle: { opacity: 0.15 }, itemStyle: { color: '#0d6efd' }
            }]
        });
        element.setAttribute('data-drawn', 'true');
        window.addEventListener('resize', function () { chart.resize(); });
    }

    document.querySelectorAll('[data-size-chart]').forEach(draw);
})();
