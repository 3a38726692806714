package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.json.Json;
import dev.causa.engine.Causa;
import dev.causa.engine.store.StoreAdmin;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code store check | backup | repair | restore}: the way out when the store file is damaged. */
@Command(name = "store", description = "Check, back up, repair or restore the store file (not while causa runs).",
        subcommands = {StoreCommand.Check.class, StoreCommand.Backup.class, StoreCommand.Repair.class,
                StoreCommand.Restore.class})
final class StoreCommand {

    /** Works on the home's store without opening the engine, which a damaged file would stop. */
    abstract static class OnFile extends SessionCommand {
        @Mixin
        JsonOption output;

        /** The maintenance the backend of the home's store offers. */
        StoreAdmin admin() {
            if (session().isOpen()) {
                throw dev.causa.engine.model.CausaException.badInput("leave the REPL first: the store is open here");
            }
            return Causa.storeAdmin(session().home(), session().storeUrl()).orElseThrow(() ->
                    dev.causa.engine.model.CausaException.badInput("this store offers no maintenance"));
        }

        int report(String what, StoreAdmin.Report report) {
            if (output.json) {
                ObjectNode json = (ObjectNode) Json.tree(report);
                json.put("healthy", report.healthy());
                return printJson(json);
            }
            out().println(what + ": " + report.jobs() + " jobs, " + report.actions() + " action records"
                    + (report.unreadable() > 0 ? ", " + report.unreadable() + " unreadable" : "")
                    + (report.misindexed() > 0 ? ", " + report.misindexed() + " missing from indexes" : ""));
            report.problems().forEach(p -> out().println("  " + p));
            return 0;
        }
    }

    @Command(name = "check", description = "Read every record and check the indexes; exit 3 if anything is wrong.")
    static final class Check extends OnFile {
        @Override
        public Integer call() {
            StoreAdmin.Report report = admin().check();
            report(report.healthy() ? "store is healthy" : "store has problems", report);
            return report.healthy() ? 0 : 3;
        }
    }

    @Command(name = "backup", description = "Write a consistent copy of the store (default: <home>/backups/causa-<time>.db).")
    static final class Backup extends OnFile {
        @Parameters(paramLabel = "FILE", arity = "0..1", description = "Where to write the copy (must not exist).")
        Path target;

        @Override
        public Integer call() {
            Path to = target != null ? session().resolve(target) : session().home().resolve("backups").resolve("causa-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                    + ".db");
            return report("backed up to " + to.toAbsolutePath(), admin().backup(to));
        }
    }

    @Command(name = "repair", description = "Copy what is readable into a fresh store; keeps the damaged file beside it.")
    static final class Repair extends OnFile {
        @Override
        public Integer call() {
            return report("repaired", admin().repair());
        }
    }

    @Command(name = "restore", description = "Replace the store with a backup (the current file is kept beside it).")
    static final class Restore extends OnFile {
        @Parameters(paramLabel = "BACKUP", description = "A file written by store backup.")
        Path backup;

        @Override
        public Integer call() {
            return report("restored from " + backup, admin().restore(session().resolve(backup)));
        }
    }
}
