package dev.magpie.activity.internal.pages;

import java.math.BigDecimal;
import java.util.List;

import dev.magpie.activity.ActivityQueries.DailyFigure;

/**
 * What static/js/metric-chart.js draws, handed over as JSON in a {@code data-chart} attribute (the page's
 * Content-Security-Policy forbids inline scripts): one bar per day for the count and, for metrics that carry
 * a value such as revenue, a line for the daily sum.
 */
record MetricChart(List<String> days, List<Long> counts, List<BigDecimal> values, String currency, Labels labels) {

    /** The chart's words, in the page's language. */
    record Labels(String count, String value) {
    }

    static MetricChart of(List<DailyFigure> figures, String currency, Labels labels) {
        boolean hasValue = figures.stream().anyMatch(day -> day.sum() != null && day.sum().signum() != 0);
        return new MetricChart(figures.stream().map(day -> day.day().toString()).toList(),
                figures.stream().map(DailyFigure::count).toList(),
                hasValue ? figures.stream().map(day -> day.sum() == null ? BigDecimal.ZERO : day.sum()).toList() : null,
                currency, labels);
    }

    long totalCount() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    BigDecimal totalValue() {
        return values == null ? null : values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
