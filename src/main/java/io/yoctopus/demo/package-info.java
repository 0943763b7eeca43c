/**
 * The demo plugins: the documented examples, and the contract that end-to-end tests and example clients
 * rely on. Each is off unless {@code yoctopus.demo.enabled} is {@code true}; the README's run command
 * turns them on. None of the framework depends on them.
 */
package io.yoctopus.demo;
