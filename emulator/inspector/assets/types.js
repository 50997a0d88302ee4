// What the admin API answers, as the page reads it (emulator/admin/ and emulator/admin/inspect/).
export {};
