// A shared object with no PlateBus descriptor, as a stray library on the plugin path would be.
extern "C" __attribute__((visibility("default"))) int not_a_plugin() { return 42; }
