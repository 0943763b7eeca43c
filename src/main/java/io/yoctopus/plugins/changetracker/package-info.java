/**
 * The bundled change tracker: committed changes of JPA entities pushed to subscribed connections as
 * {@code data-changed} notifications (the Node version's {@code sequelize-change-tracker}).
 *
 * <ul>
 * <li>An entity opts in with {@code @EntityListeners(}{@link io.yoctopus.plugins.changetracker.ChangeListener}{@code .class)};
 *     {@link io.yoctopus.plugins.changetracker.Tracked} sets its public fields and auto-subscription.</li>
 * <li>{@link io.yoctopus.plugins.changetracker.ChangeTracker}, injectable, adds and removes subscriptions
 *     by model or by row.</li>
 * <li>{@link io.yoctopus.plugins.changetracker.ChangeVisibility} beans may keep a change from a subscriber.</li>
 * <li>{@link io.yoctopus.plugins.changetracker.EntityChanged} is the CDI event of every change.</li>
 * <li>{@link io.yoctopus.plugins.changetracker.SubscriptionEndpoints}: built-in endpoints a deployer
 *     switches on for a list of models.</li>
 * </ul>
 */
package io.yoctopus.plugins.changetracker;
