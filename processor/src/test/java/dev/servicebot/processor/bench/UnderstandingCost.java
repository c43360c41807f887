package dev.servicebot.processor.bench;

import dev.servicebot.processor.understanding.RequestInterpreter;
import dev.servicebot.processor.understanding.training.Corpus;
import dev.servicebot.processor.understanding.training.LabelledText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reading one message costs: {@link RequestInterpreter#interpret} over the corpus's in-domain
 * messages (real lengths and wording, not a fixed few), wall and CPU time per call on this thread,
 * after a warm-up. Several passes; the figures are over every call of every pass.
 */
final class UnderstandingCost {
    private static final int WARM_UP = 1_000;
    private static final int PASSES = 3;

    private UnderstandingCost() {
    }

    static Map<String, Object> measure(RequestInterpreter interpreter) {
        List<String> texts = Corpus.standard().texts().stream().filter(LabelledText::inDomain).map(LabelledText::text).toList();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            interpreter.interpret(texts.get(i % texts.size()));
        }
        List<Long> wall = new ArrayList<>();
        List<Long> onCpu = new ArrayList<>();
        List<Long> encoding = new ArrayList<>();
        for (String text : texts) {
            long c0 = cpu.getCurrentThreadCpuTime();
            interpreter.encode(dev.servicebot.processor.understanding.Utterance.of(text));
            encoding.add(cpu.getCurrentThreadCpuTime() - c0);
        }
        for (int pass = 0; pass < PASSES; pass++) {
            for (String text : texts) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                interpreter.interpret(text);
                wall.add(System.nanoTime() - t0);
                onCpu.add(cpu.getCurrentThreadCpuTime() - c0);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messages", texts.size());
        result.put("passes", PASSES);
        result.put("wallMsP50", percentile(wall, 50));
        result.put("wallMsP99", percentile(wall, 99));
        result.put("cpuMsP50", percentile(onCpu, 50));
        result.put("cpuMsP99", percentile(onCpu, 99));
        result.put("encoderCpuMsP50", percentile(encoding, 50));
        result.put("encoderCpuMsP99", percentile(encoding, 99));
        System.out.printf("understanding: %d in-domain messages x %d passes: wall p50 %.2f ms, p99 %.2f ms; CPU p50 %.2f ms, p99 %.2f ms"
                        + " (of which the sentence encoder: CPU p50 %.2f ms, p99 %.2f ms)%n",
                texts.size(), PASSES, result.get("wallMsP50"), result.get("wallMsP99"), result.get("cpuMsP50"), result.get("cpuMsP99"),
                result.get("encoderCpuMsP50"), result.get("encoderCpuMsP99"));
        return result;
    }

    private static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, index)] / 1e4) / 100.0;
    }

    /** Only the cost, without Kafka: {@code bench/run-java.sh processor dev.servicebot.processor.bench.UnderstandingCost}. */
    public static void main(String[] args) {
        measure(RequestInterpreter.load());
    }
}
