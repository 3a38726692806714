/**
 * The one view of a job and of an action run that every front end shows: {@code --json} output, the script API,
 * the events, and the HTTP API to come. Each class names its fields once, as constants, in the order they are
 * shown; a front end that shows fewer fields, or shows them under other names (scripts use camelCase), picks and
 * maps these names instead of spelling its own.
 *
 * <p>Depends on {@code model}, {@code json} and the plugin API only: the {@code event} package builds its JSON from
 * these names, so this package must not depend on it (that would make a package cycle). A view shows what is
 * stored, which is redacted before storage; it never reads what a running job holds unredacted (its raw payload).
 */
package dev.causa.engine.view;
