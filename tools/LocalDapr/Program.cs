// Placeholder entry point until the launcher lands; the runtime is used as a library by tests meanwhile.
return 0;
