package dev.servicebot.devstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real stack: {@code @ExtendWith(DevStackExtension.class)} and a
 * {@link DevStack} parameter. One stack serves every test class of a test run (it starts once and
 * stops when the run ends, also when tests fail), so tests must use their own ids or topics
 * where they must not see each other's data.
 */
public final class DevStackExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    public static DevStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(DevStack.class, key -> DevStack.start(DevStack.Options.forTests()), DevStack.class);
    }
}
