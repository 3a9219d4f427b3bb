package org.twofold.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a browser test a fresh {@link Browser} on the shared appliance, and after the test saves a
 * screenshot of where it ended — passed or failed — before closing it.
 */
public class BrowserExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ApplianceServer server = (ApplianceServer) new ApplianceExtension().resolveParameter(parameter, context);
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        Browser browser = Browser.open(server.baseUrl(), name);
        context.getStore(NAMESPACE).put(Browser.class, browser);
        return browser;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).remove(Browser.class, Browser.class);
        if (browser != null) {
            try {
                browser.screenshot(context.getExecutionException().isPresent() ? "failed" : "end");
            } finally {
                browser.close();
            }
        }
    }
}
