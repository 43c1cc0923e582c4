package dev.magpie.audiences.internal.segments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.magpie.audiences.internal.segments.SegmentSizeHistory.DailySize;

/**
 * The figures of a segment's size-over-time chart, as {@code segment-size-chart.js} draws them: one point a day from
 * the first recorded day to today; a day without a row (no snapshot ran) shows the size of the day before.
 */
record SizeChart(List<String> days, List<Long> sizes, String label) {

    static SizeChart of(List<DailySize> recorded, LocalDate today, String label) {
        List<String> days = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        if (!recorded.isEmpty()) {
            int next = 0;
            long size = 0;
            for (LocalDate day = recorded.get(0).day(); !day.isAfter(today); day = day.plusDays(1)) {
                while (next < recorded.size() && !recorded.get(next).day().isAfter(day)) {
                    size = recorded.get(next++).size();
                }
                days.add(day.toString());
                sizes.add(size);
            }
        }
        return new SizeChart(days, sizes, label);
    }
}
