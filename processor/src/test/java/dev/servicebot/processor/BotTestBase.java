package dev.servicebot.processor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh topology with the sample data for every test. */
abstract class BotTestBase {
    protected BotHarness bot;

    @BeforeEach
    void startBot() {
        bot = new BotHarness();
    }

    @AfterEach
    void stopBot() {
        bot.close();
    }
}
