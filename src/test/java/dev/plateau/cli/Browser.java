package dev.plateau.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) opening a report from disk:
 * the DOM after the scripts ran, and a screenshot. The report's script records on {@code <body>} how
 * many charts it drew, how many Plotly rendered, and every JavaScript error and blocked request.
 */
record Browser(String executable) {
    static Browser find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome"))
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                if (Files.isExecutable(Path.of(dir, name))) return new Browser(Path.of(dir, name).toString());
        throw new AssertionError("no Chromium on the PATH: the report tests need a real browser (apt-get install chromium; .ci/run installs it)");
    }

    /** What the page recorded after its scripts ran. */
    record Rendered(int charts, int rendered, String errors, String dom) {}

    Rendered open(Path html, Path screenshot) throws Exception {
        String dom = run(html, "--dump-dom");
        if (screenshot != null) run(html, "--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1200,1600", "--hide-scrollbars");
        Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
        assertTrue(body.find(), "no body in the dumped DOM");
        return new Rendered(attribute(body.group(1), "data-charts"), attribute(body.group(1), "data-rendered"),
                stringAttribute(body.group(1), "data-errors"), dom);
    }

    /** Opens the report and checks every chart rendered with no error and no request; returns the chart count. */
    int check(Path html, Path screenshot) throws Exception {
        String page = Files.readString(html);
        assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]+(src|href)=\"?https?:").matcher(page).find(), "the page loads nothing from a network");
        Rendered r = open(html, screenshot);
        assertEquals("[]", r.errors().replace("&quot;", "\""), "JavaScript errors or blocked requests in " + html);
        assertTrue(r.charts() > 0, "no chart drawn in " + html);
        assertEquals(r.charts(), r.rendered(), "every chart rendered in " + html);
        return r.charts();
    }

    private String run(Path html, String... extra) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(executable, "--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
                "--use-angle=swiftshader", "--virtual-time-budget=30000", "--user-data-dir=" + profile));
        command.addAll(List.of(extra));
        command.add(html.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Chromium did not finish");
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int attribute(String attributes, String name) {
        String v = stringAttribute(attributes, name);
        return v == null ? -1 : Integer.parseInt(v);
    }

    private static String stringAttribute(String attributes, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }
}
