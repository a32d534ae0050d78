#include "cli.h"

namespace fairdraw::cli {

void add_import_command(CLI::App&, Globals&) {}
void add_lists_command(CLI::App&, Globals&) {}

}  // namespace fairdraw::cli
