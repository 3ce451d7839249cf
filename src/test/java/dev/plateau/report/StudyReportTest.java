package dev.plateau.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's own arithmetic and assembly, without a browser (the browser checks are in the cli tests). */
class StudyReportTest {
    @Test
    void paretoRanksPeelFrontAfterFront() {
        Map<String, double[]> points = new LinkedHashMap<>();
        points.put("a", new double[] {1, 5});
        points.put("b", new double[] {2, 2});
        points.put("c", new double[] {5, 1});
        points.put("d", new double[] {3, 3});   // dominated by b only
        points.put("e", new double[] {6, 6});   // dominated by d, so third
        points.put("f", new double[] {2, 2});   // equal to b: neither dominates
        assertEquals(Map.of("a", 1, "b", 1, "c", 1, "f", 1, "d", 2, "e", 3), StudyReport.paretoRanks(points));
    }

    @Test
    void markersInsertedTextIsNeverSearchedAgain() {
        String page = StudyReport.fill("<t><!--TITLE--></t><s>/*PLOTLY*/</s><d>/*DATA*/</d>",
                Map.of("<!--TITLE-->", "x/*DATA*/y", "/*PLOTLY*/", "p</s", "/*DATA*/", "{\"k\":\"/*PLOTLY*/\"}"));
        assertEquals("<t>x/*DATA*/y</t><s>p</s</s><d>{\"k\":\"/*PLOTLY*/\"}</d>", page);
    }
}
