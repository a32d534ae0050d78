// fairdraw — publicly verifiable random inspection draws (双随机、一公开).
#include <iostream>

#include "cli.h"

int main(int argc, char** argv) {
    using namespace fairdraw::cli;
    CLI::App app{"fairdraw: publicly verifiable random inspection draws (双随机、一公开)", "fairdraw"};
    app.set_version_flag("--version", std::string("fairdraw ") + FAIRDRAW_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    Globals globals;
    app.add_option("-w,--workspace", globals.workspace, "Workspace folder (default: the current folder)");
    app.add_option("--actor", globals.actor, "Name recorded in the log for this action (default: $FAIRDRAW_ACTOR or the login name)");
    app.add_option("--passphrase-file", globals.passphrase_file,
                   "File holding the signing key's passphrase (or set $FAIRDRAW_PASSPHRASE)");

    add_init_command(app, globals);
    add_import_command(app, globals);
    add_lists_command(app, globals);
    add_log_command(app, globals);
    add_key_command(app, globals);
    add_rfc3797_command(app, globals);
    add_plan_command(app, globals);
    add_announce_commands(app, globals);
    add_draw_commands(app, globals);
    add_substitute_command(app, globals);
    add_secret_command(app, globals);
    add_publish_command(app, globals);
    add_verify_commands(app, globals);
    add_session_command(app, globals);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "fairdraw: error: " << e.what() << "\n"
                  << "fairdraw: hint: run 'fairdraw --help' or 'fairdraw COMMAND --help'\n";
        return fairdraw::k_exit_bad_input;
    }
    return globals.exit_code;
}
