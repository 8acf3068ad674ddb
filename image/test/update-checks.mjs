// placeholder until updates land
export async function updateChecks() {}
