package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session pool on a real SoftHSM2 slot. */
class SessionPoolTest {

  private Pkcs11Module module;
  private long slot;
  private SessionPool pool;

  @BeforeEach
  void openSlot() {
    module = Pkcs11Module.load(SoftHsm.library());
    slot = module.slotsLabelled(SoftHsm.newToken()).get(0);
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void call_twiceInARow_reusesTheSession() {
    pool = new SessionPool(module.cryptoki(), slot, 2, Duration.ofSeconds(1));

    long first = pool.call(session -> session);
    long second = pool.call(session -> session);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void call_afterAFailedCall_usesAFreshSession() {
    pool = new SessionPool(module.cryptoki(), slot, 2, Duration.ofSeconds(1));
    long[] failed = new long[1];

    assertThatThrownBy(
            () ->
                pool.call(
                    session -> {
                      failed[0] = session;
                      throw new Pkcs11Failure("C_Encrypt", Ck.CKR_GENERAL_ERROR);
                    }))
        .hasMessage("C_Encrypt returned CKR_GENERAL_ERROR");
    long next = pool.call(session -> session);

    assertThat(next).isNotEqualTo(failed[0]);
  }

  @Test
  void call_withEverySessionBusy_failsAfterTheWait() {
    pool = new SessionPool(module.cryptoki(), slot, 1, Duration.ZERO);

    assertThatThrownBy(() -> pool.call(outer -> pool.call(inner -> inner)))
        .isInstanceOf(SessionPool.PoolExhaustedException.class)
        .hasMessage("no PKCS#11 session became free within PT0S");
    long after = pool.call(session -> session);
    assertThat(after).isPositive();
  }

  @Test
  void call_afterClose_isRefused() {
    pool = new SessionPool(module.cryptoki(), slot, 1, Duration.ZERO);
    pool.close();

    assertThatThrownBy(() -> pool.call(session -> session))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the cluster connection is closed");
  }
}
