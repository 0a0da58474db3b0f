#include "run.hpp"

int main(int argc, char** argv) {
  return aftershock::cli::run_process(argc, argv);
}
