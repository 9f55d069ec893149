// Limits of accommodations, shared by the staff page (client) and the server module.

/** Time factors offered (×1 removes an earlier extension). */
export const TIME_FACTORS = [1, 1.25, 1.5, 2, 3] as const;
export const MAX_EXTRA_ATTEMPTS = 10;
export const MAX_REOPEN_MINUTES = 600;
