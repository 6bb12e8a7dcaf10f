export async function doctorCommand(): Promise<void> {
  const { runDoctor } = await import('../sandbox/doctor.js');
  process.exitCode = await runDoctor();
}
